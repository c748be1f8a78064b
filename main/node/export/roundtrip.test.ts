/**
 * Round trips: every layer kind (the compiler's PyTorch cases), the merges, the networks and every
 * template, exported to ONNX and to TensorFlow.js and imported back, give the same graph as
 * PyTorch sees it: print(model), the state_dict's names and shapes, every node's output shape and
 * the parameter count; the cases small enough to compile also give the app's outputs within 1e-4
 * with the imported weights.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { layerCases, mergeCases, networkCases } from '../../../app/compiler/tfjs/testing/torch-cases';
import type { Graph } from '../../../app/graph/types';
import { importOnnx } from '../../../app/importers/onnx';
import { buildModuleTree, modules, reprModel, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { TEMPLATES } from '../../../app/templates';
import { GraphBuilder } from '../../../app/templates/builder';
import { importModelFile } from './import';
import { decodeOnnx, encodeOnnx } from './onnx';
import { maxOutputDiff } from './testing/import-roundtrip';
import { writeTfjs } from './tfjs';
import { exportModel } from './weights';

const dir = mkdtempSync(join(tmpdir(), 'netloom-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 5;
/** A module called twice beside a real module named like torch.onnx's second call (`relu`, `relu_1`). */
function sharedCase(): Graph {
  const b = new GraphBuilder('Net');
  let x = b.layer('Conv2d', { out_channels: 4, kernel_size: 3 }, b.input([3, 8, 8]), { name: 'conv' });
  const relu = b.layer('ReLU', {}, x, { name: 'relu' });
  x = b.layer('Conv2d', { out_channels: 4, kernel_size: 3 }, relu, { name: 'conv2' });
  x = b.layer('ReLU', {}, x, { shares: relu });
  b.layer('ReLU', {}, x, { name: 'relu_1' });
  return b.build();
}

const small: [string, Graph][] = [
  ...[...layerCases(), ...mergeCases(), ...networkCases()]
    .filter((c) => !c.train)
    .map((c) => [c.id, c.graph] as [string, Graph]),
  ['a shared module beside a module named relu_1', sharedCase()],
];
const templates: [string, Graph][] = TEMPLATES.map((t) => [`template ${t.name}`, t.build()]);

/** What PyTorch sees of a graph: print(model), state_dict names and shapes, output shapes in graph order, parameters. */
function view(g: Graph) {
  const a = analyzeGraph(g);
  const tree = buildModuleTree(g, a);
  const outs = g.nodes.filter((n) => !g.edges.some((e) => e.source === n.id)).map((n) => a.nodes.get(n.id)?.shape);
  const shapes = g.nodes.map((n) => `${n.type} ${JSON.stringify(a.nodes.get(n.id)?.shape)}`).sort();
  return {
    errors: a.errors.map((e) => e.message),
    print: reprModel(tree),
    state: stateDictEntries(tree).map((e) => `${e.name} ${e.shape.join('x')}`),
    outs,
    shapes,
    params: a.totalParams,
  };
}

function onnxRoundTrip(g: Graph, weights: Map<string, { shape: number[]; values: ArrayLike<number> }>) {
  const onnx = graphToOnnx(g, weights);
  if (!onnx.ok) throw new Error(onnx.error);
  const decoded = decodeOnnx(encodeOnnx(onnx.value));
  if (!decoded.ok) throw new Error(decoded.error);
  const r = importOnnx(decoded.value);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Fresh weights in state_dict layout without compiling (the large templates take minutes to compile in tfjs). */
function fillWeights(g: Graph) {
  const entries = stateDictEntries(buildModuleTree(g, analyzeGraph(g)));
  return new Map(
    entries.map((e, i) => [
      e.name,
      { shape: e.shape, values: new Float32Array(e.shape.reduce((x, y) => x * y, 1)).fill(0.01 * (i + 1)) },
    ]),
  );
}

describe('ONNX: export -> import gives the same graph', () => {
  it.each(small)('%s (and the same outputs)', async (_id, g) => {
    const m = await exportModel(g, { seed: SEED });
    if (!m.ok) throw new Error(m.error);
    m.value.compiled.model.dispose();
    const back = onnxRoundTrip(g, new Map(m.value.state.map((e) => [e.name, e])));
    expect(view(back.graph)).toEqual(view(g));
    expect(back.notes).toEqual([]);
    // (print(model) above has every attribute name; explicit names equal to the defaults come back as defaults.)
    expect(back.graph.nodes.map((n) => [n.type, n.shares !== undefined, n.functional === true])).toEqual(
      g.nodes.map((n) => [n.type, n.shares !== undefined, n.functional === true]),
    );
    expect(await maxOutputDiff(g, SEED, back.graph, back.weights)).toBeLessThan(1e-4);
  });

  it.each(templates)('%s', (_id, g) => {
    const back = onnxRoundTrip(g, fillWeights(g));
    expect(view(back.graph)).toEqual(view(g));
    expect(back.notes).toEqual([]);
    expect(back.graph.modules.map((m) => [m.name, m.kind, m.className, !!m.collapsed])).toEqual(
      g.modules.map((m) => [m.name, m.kind, m.className, !!m.collapsed]),
    );
  });
});

/** Same length and the same values (NaN equal to NaN), as toEqual would say, in one pass. */
function sameValues(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/** Fresh weights of `seed`, exported to TensorFlow.js with the project, imported back. */
async function tfjsRoundTrip(id: string, g: Graph) {
  const m = await exportModel(g, { seed: SEED });
  if (!m.ok) throw new Error(m.error);
  const out = join(dir, id.replace(/[^A-Za-z0-9]/g, '_'));
  const w = await writeTfjs(m.value.compiled, out, {}, g);
  m.value.compiled.model.dispose();
  if (!w.ok) throw new Error(w.error);
  const back = await importModelFile(join(out, 'model.json'));
  if (!back.ok) throw new Error(back.error);
  return { state: m.value.state, back: back.value };
}

describe('TensorFlow.js: export -> import gives the same graph', () => {
  it.each(small)('%s (and the same outputs)', async (id, g) => {
    const { back } = await tfjsRoundTrip(id, g);
    expect(back.notes).toEqual([]);
    expect(back.graph.nodes).toEqual(g.nodes);
    expect(view(back.graph)).toEqual(view(g));
    expect(await maxOutputDiff(g, SEED, back.graph, back.weights)).toBeLessThan(1e-4);
  });

  it.each(templates.filter(([id]) => /lenet5|mlp|resnet18|densenet121|googlenet/.test(id)))(
    '%s (the project it carries, checked against its topology)',
    async (id, g) => {
      const { state, back } = await tfjsRoundTrip(id, g);
      expect(back.notes).toEqual([]);
      expect(back.graph.modules).toEqual(g.modules);
      expect(view(back.graph)).toEqual(view(g));
      const want = new Map(state.map((e) => [e.name, e.values]));
      const tree = buildModuleTree(back.graph, analyzeGraph(back.graph));
      // The imported weights (by node id) are the exported ones (by state_dict name), value for value.
      // Compared in a plain loop: expect().toEqual walks ResNet-18's 11 million values one generic step at a time (minutes on a loaded machine).
      const byNode = new Map(back.weights.map((e) => [e.name, e.values]));
      const differ: string[] = [];
      let compared = 0;
      for (const mod of modules(tree)) {
        for (const t of mod.nodeId ? [...mod.parameters, ...mod.buffers] : []) {
          const name = mod.path ? `${mod.path}.${t.name}` : t.name;
          if (!sameValues(byNode.get(`${mod.nodeId}.${t.name}`), want.get(name))) differ.push(name);
          compared++;
        }
      }
      expect(differ).toEqual([]);
      expect(compared).toBe(state.length);
    },
    120_000,
  );
});

describe('a model.json whose Netloom project does not match its topology', () => {
  it('is read from the Keras topology, with the reason as a note', async () => {
    const b = new GraphBuilder('Net');
    b.layer('Linear', { out_features: 3 }, b.layer('ReLU', {}, b.input([5])));
    const g = b.build();
    const m = await exportModel(g, { seed: SEED });
    if (!m.ok) throw new Error(m.error);
    const out = join(dir, 'mismatch');
    const w = await writeTfjs(
      m.value.compiled,
      out,
      {},
      { ...g, nodes: g.nodes.map((n) => (n.type === 'Linear' ? { ...n, params: { out_features: 4 } } : n)) },
    );
    m.value.compiled.model.dispose();
    if (!w.ok) throw new Error(w.error);
    const back = await importModelFile(join(out, 'model.json'));
    if (!back.ok) throw new Error(back.error);
    expect(back.value.notes.join(' ')).toMatch(
      /project inside .*model\.json does not match its topology \(layer \d+\); the Keras topology was read instead/,
    );
    expect(back.value.graph.nodes.find((n) => n.type === 'Linear')?.params.out_features).toBe(3);
  });
});
