/**
 * Encodes an OnnxModel with protobufjs and the ONNX schema (scripts/onnx/onnx.proto), and decodes
 * ONNX files for the importer. Floats as raw little-endian data; int64 constants in int64_data.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { OnnxAttr, OnnxModel, OnnxTensor, OnnxValueInfo } from '../../../app/compiler/onnx/types';

let root: protobuf.Root | undefined;

export function onnxSchema(): protobuf.Root {
  root ??= protobuf.loadSync(fileURLToPath(new URL('../../../scripts/onnx/onnx.proto', import.meta.url)));
  return root;
}

const ATTR_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

function attr(name: string, a: OnnxAttr): Record<string, unknown> {
  const out: Record<string, unknown> = { name, type: ATTR_TYPE[a.kind] };
  if (a.kind === 'float') out.f = a.value;
  else if (a.kind === 'int') out.i = a.value;
  else if (a.kind === 'ints') out.ints = a.value;
  else if (a.kind === 'floats') out.floats = a.value;
  else out.s = Buffer.from(a.value, 'utf8');
  return out;
}

function tensor(t: OnnxTensor): Record<string, unknown> {
  const out: Record<string, unknown> = { name: t.name, dims: t.dims, dataType: t.dataType };
  if (t.dataType === 1) {
    const f = t.floats ?? new Float32Array(0);
    out.rawData = Buffer.from(f.buffer, f.byteOffset, f.byteLength);
  } else out.int64Data = t.ints ?? [];
  return out;
}

function valueInfo(v: OnnxValueInfo): Record<string, unknown> {
  return {
    name: v.name,
    type: {
      tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, ...v.shape.map((d) => ({ dimValue: d }))] } },
    },
  };
}

export function encodeOnnx(m: OnnxModel): Uint8Array {
  const Model = onnxSchema().lookupType('onnx.ModelProto');
  const msg = Model.fromObject({
    irVersion: m.irVersion,
    opsetImport: [{ domain: '', version: m.opset }],
    producerName: m.producerName,
    producerVersion: m.producerVersion,
    graph: {
      name: m.graph.name,
      node: m.graph.nodes.map((n) => ({
        input: n.inputs,
        output: n.outputs,
        name: n.name,
        opType: n.opType,
        attribute: Object.entries(n.attributes).map(([k, a]) => attr(k, a)),
      })),
      initializer: m.graph.initializers.map(tensor),
      input: m.graph.inputs.map(valueInfo),
      output: m.graph.outputs.map(valueInfo),
    },
    metadataProps: Object.entries(m.metadata).map(([key, value]) => ({ key, value })),
  });
  return Model.encode(msg).finish();
}

/** Decodes ONNX bytes into the plain object the importer reads; a non-ONNX file is an error, not a throw. */
export function decodeOnnx(
  bytes: Uint8Array,
): { ok: true; value: import('../../../app/importers/onnx-types').OnnxModelIn } | { ok: false; error: string } {
  const Model = onnxSchema().lookupType('onnx.ModelProto');
  try {
    const msg = Model.decode(bytes);
    const obj = Model.toObject(msg, {
      longs: Number,
      bytes: Uint8Array as unknown as StringConstructor,
      defaults: false,
    });
    const graph = (obj as { graph?: { node?: unknown[] } }).graph;
    if (!graph || !Array.isArray(graph.node)) return { ok: false, error: 'it is not an ONNX model (no graph)' };
    return { ok: true, value: obj };
  } catch (e) {
    return {
      ok: false,
      error: `it is not an ONNX model (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    };
  }
}
