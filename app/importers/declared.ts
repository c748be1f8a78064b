/**
 * The layer types and PyTorch arguments Netloom's ONNX export declares for each layer (metadata
 * `netloom.layers`, by the layer's output value). The operators alone cannot always tell equivalent
 * arguments apart (`padding='same'` or its numbers, a `ceil_mode` that changes nothing for this
 * input, `Softmax(dim=-1)` or `dim=3`, Dropout2d or Dropout at inference); the importer takes the
 * declared ones only when they are the same computation: exporting the declared layer gives exactly
 * the operators, attributes and constants that exporting the imported one gives.
 */
import { graphToOnnx } from '../compiler/onnx/model';
import type { Shape } from '../graph/types';
import { buildModuleTree, stateDictEntries } from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { getLayer } from '../layers/registry';
import { GraphBuilder } from '../templates/builder';

export interface DeclaredLayer {
  type: string;
  params: Record<string, unknown>;
}

export function parseDeclaredLayers(text: string | undefined): Map<string, DeclaredLayer> | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out = new Map<string, DeclaredLayer>();
  for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
    const { type, params } = (e ?? {}) as Record<string, unknown>;
    if (typeof type === 'string' && params !== null && typeof params === 'object' && !Array.isArray(params))
      out.set(k, { type, params: params as Record<string, unknown> });
  }
  return out;
}

/** The ONNX operators one layer on these input shapes exports to, as comparable text (names left out). */
function signature(layer: DeclaredLayer, inShapes: Shape[]): string | undefined {
  const b = new GraphBuilder('Net');
  const ins = inShapes.map((s) => b.input(s));
  const id = b.layer(layer.type, layer.params, ins);
  // A layer with several outputs (Split, Chunk) is not a network output: each piece goes through an Identity.
  const pieces = getLayer(layer.type)?.inferOutputs ? (analyzeGraph(b.build()).nodes.get(id)?.outputs ?? []) : [];
  pieces.forEach((_, port) => b.layer('Identity', {}, { id, port }));
  const g = b.build();
  const a = analyzeGraph(g);
  if (a.errors.length > 0) return undefined;
  const weights = new Map(
    stateDictEntries(buildModuleTree(g, a)).map((e) => [e.name, { shape: e.shape, values: new Float32Array(0) }]),
  );
  const m = graphToOnnx(g, weights);
  if (!m.ok) return undefined;
  const { nodes, initializers, outputs } = m.value.graph;
  return JSON.stringify([
    nodes.map((n) => [n.opType, normalized(n.attributes)]),
    initializers.map((t) => [t.dims, Array.from(t.floats ?? t.ints ?? [])]),
    outputs.map((o) => o.shape),
  ]);
}

type Attrs = Record<string, { kind: string; value: unknown }>;

/** Attributes without those at ONNX's defaults (zero pads, unit strides and dilations, ceil_mode 0, group 1); count_include_pad only with pads. */
function normalized(attrs: Attrs): Attrs {
  const all = (v: unknown, x: number) => Array.isArray(v) && v.every((e) => e === x);
  const out: Attrs = {};
  const padded = attrs.pads !== undefined && !all(attrs.pads.value, 0);
  for (const [k, a] of Object.entries(attrs)) {
    if (
      (k === 'pads' && !padded) ||
      ((k === 'strides' || k === 'dilations') && all(a.value, 1)) ||
      ((k === 'ceil_mode' || k === 'group') && a.value === (k === 'group' ? 1 : 0))
    )
      continue;
    if (k === 'count_include_pad' && !padded) continue;
    out[k] = a;
  }
  return out;
}

/** Whether the declared layer computes what the imported one computes on these inputs. */
export function sameComputation(imported: DeclaredLayer, declared: DeclaredLayer, inShapes: Shape[]): boolean {
  if (imported.type === declared.type && JSON.stringify(imported.params) === JSON.stringify(declared.params))
    return true;
  const a = signature(imported, inShapes);
  return a !== undefined && a === signature(declared, inShapes);
}
