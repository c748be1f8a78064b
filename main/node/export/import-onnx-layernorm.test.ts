/**
 * ONNX LayerNormalization (opset 17) imports as LayerNorm with PyTorch's outputs. PyTorch 1.13's
 * torch.onnx cannot write opset 17, so import-onnx-layernorm.py builds the files with onnx.helper from
 * nn.LayerNorm's weight and bias (normalized over the last 1 and the last 2 dims, axis negative and
 * positive, B left out) and writes nn.LayerNorm's outputs. Each file: onnxruntime gives PyTorch's
 * outputs (the file is what it claims); the import's outputs in the app are PyTorch's (1e-4 relative);
 * the import exported back to ONNX (opset 13) gives them in onnxruntime and imports again as the same
 * LayerNorm, and exported to PyTorch (model.py + safetensors) gives them in PyTorch. An axis that no
 * LayerNorm has, Scale or B that are not constants, and the Mean/InvStdDev outputs are errors naming
 * the node and the fix.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import { defaultNamer, getStateDict, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Graph } from '../../../app/graph/types';
import type { ImportedWeights } from '../../../app/importers/onnx';
import { importOnnx } from '../../../app/importers/onnx';
import type { OnnxModelIn } from '../../../app/importers/onnx-types';
import { getLayer } from '../../../app/layers/registry';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { importModelFile } from './import';
import { decodeOnnx, encodeOnnx } from './onnx';
import { runOnnx } from './onnx-run';
import { writePytorch } from './pytorch';
import { importedOutputs } from './testing/import-roundtrip';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-onnx-layernorm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const py = (script: string, args: string[]) => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    throw new Error(
      `${script} failed (install Debian's python3-torch and python3-onnx): ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
    );
  }
};

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

function relDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / scale;
}

/** [case, per-sample input shape, LayerNorm's params]. */
const CASES: [string, number[], Record<string, unknown>][] = [
  ['last1', [5, 7], { normalized_shape: 7 }],
  ['last2', [3, 6, 7], { normalized_shape: [6, 7], eps: 1e-3 }],
  ['last1_image', [3, 6, 7], { normalized_shape: 7 }],
  ['last2_positive', [5, 7], { normalized_shape: [5, 7], eps: 1e-6 }],
  ['no_bias', [4, 6], { normalized_shape: 6 }],
];

interface Done {
  graph: Graph;
  weights: ImportedWeights[];
  /** onnxruntime on the opset-17 file, the app on the import, onnxruntime on the import's ONNX export. */
  file: Float32Array;
  app: Float32Array;
  exported: Float32Array;
  /** The import's ONNX export imported again. */
  again: Graph;
  pytorch?: { error?: string; max_err?: number; state_equal?: boolean };
}
const done = new Map<string, Done>();

beforeAll(async () => {
  py('import-onnx-layernorm.py', [dir]);
  const tf = await cpuTf();
  const cases = [];
  for (const [name, shape] of CASES) {
    const x = { shape: [2, ...shape], values: read(`${name}.x.bin`) };
    const file = (await runOnnx(join(dir, `${name}.onnx`), [x]))[0];
    const r = await importModelFile(join(dir, `${name}.onnx`));
    if (!r.ok) throw new Error(r.error);
    const { graph, weights } = r.value;
    const [app] = await importedOutputs(graph, weights, [x]);
    // The weights under PyTorch's state_dict names, as the exports take them.
    const c = compileGraph(tf, graph, { seed: 0, initialize: false });
    if (!c.ok) throw new Error(c.error);
    const set = setStateDict(tf, c.value, weights, defaultNamer);
    if (!set.ok) throw new Error(set.error);
    const state = getStateDict(tf, c.value, torchNamer(graph));
    c.value.model.dispose();
    const onnx = graphToOnnx(graph, new Map(state.map((e) => [e.name, e])));
    if (!onnx.ok) throw new Error(onnx.error);
    const bytes = encodeOnnx(onnx.value);
    writeFileSync(join(dir, `${name}.export.onnx`), bytes);
    const exported = (await runOnnx(join(dir, `${name}.export.onnx`), [x]))[0];
    const decoded = decodeOnnx(bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    const again = importOnnx(decoded.value);
    if (!again.ok) throw new Error(again.error);
    done.set(name, { graph, weights, file, app, exported, again: again.value.graph });
    const out = join(dir, `pt-${name}`);
    mkdirSync(out, { recursive: true });
    const w = writePytorch(graph, state, out);
    if (!w.ok) throw new Error(w.error);
    const gen = generateModelPy(graph);
    if (!gen.ok) throw new Error(gen.error);
    cases.push({
      id: name,
      dir: out,
      repr: gen.value.repr,
      state: gen.value.stateDict.map((e) => [e.name, e.shape]),
      inputs: [{ shape: x.shape, values: Array.from(x.values) }],
      outputs: [Array.from(read(`${name}.y.bin`))],
      twin: null,
      weights: true,
    });
  }
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
  py('check_pytorch.py', [join(dir, 'cases.json'), join(dir, 'out.json')]);
  const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, Done['pytorch']>;
  for (const [name, d] of done) d.pytorch = results[name];
}, 600_000);

const get = (name: string): Done => {
  const d = done.get(name);
  if (!d) throw new Error(`${name} was not imported`);
  return d;
};

describe('ONNX LayerNormalization (opset 17) built from nn.LayerNorm', () => {
  it.each(CASES)("%s imports as LayerNorm with PyTorch's outputs and exports back", (name, shape, params) => {
    const d = get(name);
    const want = read(`${name}.y.bin`);
    expect(relDiff(d.file, want)).toBeLessThan(1e-4);
    expect(analyzeGraph(d.graph).errors).toEqual([]);
    expect(d.graph.nodes.map((n) => n.type)).toEqual(['Input', 'LayerNorm']);
    expect(d.graph.nodes[0].params.shape).toEqual(shape);
    const spec = getLayer('LayerNorm');
    const norm = spec?.schema.parse(params);
    expect(spec?.schema.parse(d.graph.nodes[1].params)).toEqual(norm);
    const n = [params.normalized_shape].flat() as number[];
    expect(d.weights.map((w) => [w.name.replace(/^.*\./, ''), w.shape])).toEqual([
      ['weight', n],
      ['bias', n],
    ]);
    expect(relDiff(d.app, want)).toBeLessThan(1e-4);
    expect(relDiff(d.exported, want)).toBeLessThan(1e-4);
    expect(d.again.nodes.map((q) => q.type)).toEqual(['Input', 'LayerNorm']);
    expect(spec?.schema.parse(d.again.nodes[1].params)).toEqual(norm);
    expect(d.pytorch?.error?.slice(0, 400)).toBeUndefined();
    expect(d.pytorch?.state_equal).toBe(true);
    expect((d.pytorch?.max_err ?? Infinity) / Math.max(...Array.from(want, Math.abs))).toBeLessThan(1e-4);
  });
});

/** A LayerNormalization node on x [N, 5, 7] with the given attributes, scale and bias. */
function node(
  attrs: { axis?: number; epsilon?: number },
  opts: { scale?: 'constant' | 'input'; outputs?: string[]; n?: number } = {},
) {
  const n = opts.n ?? 7;
  const attribute = [
    ...(attrs.axis === undefined ? [] : [{ name: 'axis', type: 2, i: attrs.axis }]),
    ...(attrs.epsilon === undefined ? [] : [{ name: 'epsilon', type: 1, f: attrs.epsilon }]),
  ];
  const dims = (s: (number | string)[]) => ({
    tensorType: {
      elemType: 1,
      shape: { dim: s.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  });
  const tensor = (name: string, v: number) => ({
    name,
    dims: n === 35 ? [5, 7] : [n],
    dataType: 1,
    floatData: Array(n).fill(v),
  });
  const m: OnnxModelIn = {
    irVersion: 8,
    producerName: 'onnx.helper',
    opsetImport: [{ version: 17 }],
    graph: {
      node: [
        {
          opType: 'LayerNormalization',
          name: '/ln/LayerNormalization',
          input: ['x', 'scale', 'bias'],
          output: opts.outputs ?? ['y'],
          attribute,
        },
      ],
      initializer: opts.scale === 'input' ? [tensor('bias', 0)] : [tensor('scale', 2), tensor('bias', 0.5)],
      input: [
        { name: 'x', type: dims(['N', 5, 7]) },
        ...(opts.scale === 'input' ? [{ name: 'scale', type: dims(['N', 7]) }] : []),
      ],
      output: [{ name: 'y' }],
    },
  };
  return importOnnx(m, 'ln.onnx');
}

describe('ONNX LayerNormalization: attributes and what does not map', () => {
  it('axis -1 and epsilon map to normalized_shape and eps (1e-5 when absent), float32 epsilon as written', () => {
    const params = (r: ReturnType<typeof node>) => (r.ok ? r.value.graph.nodes[1].params : r.error);
    expect(params(node({}))).toEqual({ normalized_shape: 7 });
    expect(params(node({ axis: -2, epsilon: 1e-3 }, { n: 35 }))).toEqual({ normalized_shape: [5, 7], eps: 1e-3 });
    expect(params(node({ axis: 2, epsilon: 1e-5 }))).toEqual({ normalized_shape: 7 });
    // The attribute is a float32: 0.1 reads back as 0.1, not 0.10000000149011612.
    expect(params(node({ axis: 1, epsilon: Math.fround(0.1) }, { n: 35 }))).toEqual({
      normalized_shape: [5, 7],
      eps: 0.1,
    });
  });

  it('axis 0 (over the batch) and an axis past the input are errors naming the node and the fix', () => {
    const error = (r: ReturnType<typeof node>) => (r.ok ? 'imported' : r.error);
    expect(error(node({ axis: 0 }))).toBe(
      'ln.onnx: node /ln/LayerNormalization (LayerNormalization): axis 0 of an input [N, 5, 7] normalizes over the batch too, which no nn.LayerNorm does; export it with axis -1 to -2 (nn.LayerNorm over the last 1 to 2 dims)',
    );
    expect(error(node({ axis: -3 }))).toMatch(/axis -3 of an input \[N, 5, 7\] normalizes over the batch too/);
    expect(error(node({ axis: 3 }))).toBe(
      'ln.onnx: node /ln/LayerNormalization (LayerNormalization): axis 3 is not a dim of the input [N, 5, 7]; export it with axis -1 to -2 (nn.LayerNorm over the last 1 to 2 dims)',
    );
  });

  it('a Scale that is a graph input, a Scale of the wrong size and the Mean/InvStdDev outputs are errors naming the fix', () => {
    const error = (r: ReturnType<typeof node>) => (r.ok ? 'imported' : r.error);
    expect(error(node({}, { scale: 'input' }))).toBe(
      'ln.onnx: node /ln/LayerNormalization (LayerNormalization): Scale and B must be constants (initializers) of shape [7], the weight and bias of nn.LayerNorm(7); make them initializers of the file',
    );
    expect(error(node({ axis: -2 }))).toMatch(/Scale and B must be constants \(initializers\) of shape \[5, 7\]/);
    expect(error(node({}, { outputs: ['y', 'mean', 'inv_std'] }))).toBe(
      'ln.onnx: node /ln/LayerNormalization (LayerNormalization): its Mean and InvStdDev outputs (2 more outputs) have no nn.LayerNorm counterpart; export the node with its output Y only',
    );
  });
});
