/**
 * The ONNX export (opset 13) is valid for Debian's python3-onnx checker (full check, with shape
 * inference) and runs in onnxruntime-node with the app's outputs (tfjs cpu, same weights) within
 * 1e-4, for every layer kind, the merges, LeNet-5, a ResNet block, an Inception block and the small
 * templates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { setStateDict } from '../../../app/compiler/tfjs/statedict';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import { layerCases, mergeCases, networkCases } from '../../../app/compiler/tfjs/testing/torch-cases';
import { convTransposePadCase } from '../../../app/compiler/tfjs/testing/conv-cases';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { makeRng } from '../../../app/data/rng';
import type { Graph } from '../../../app/graph/types';
import { buildTemplate } from '../../../app/templates';
import { GraphBuilder } from '../../../app/templates/builder';
import { encodeOnnx } from './onnx';
import { runOnnx } from './onnx-run';
import { exportModel } from './weights';

const root = mkdtempSync(join(tmpdir(), 'netloom-onnx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tpl(name: string): Graph {
  const g = buildTemplate(name);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}

function extraCases(): [string, Graph][] {
  const bn = new GraphBuilder('Net');
  bn.layer('BatchNorm2d', { track_running_stats: false }, bn.input([3, 5, 5]));
  const fn = new GraphBuilder('Net');
  let x = fn.input([4, 9, 9]);
  for (const [t, p] of [
    ['MaxPool2d', { kernel_size: 3, stride: 2, ceil_mode: true }],
    ['ReLU', {}],
    ['AvgPool2d', { kernel_size: 2, ceil_mode: true, padding: 1 }],
    ['AdaptiveAvgPool2d', { output_size: [3, 2] }],
    ['GELU', {}],
    ['Flatten', {}],
    ['Softmax', { dim: 1 }],
  ] as const)
    x = fn.layer(t, p, x, { functional: true });
  return [['BatchNorm2d#batchstats', bn.build()], ['functional chain', fn.build()], convTransposePadCase()];
}

const cases: [string, Graph][] = [
  ...[...layerCases(), ...mergeCases(), ...networkCases()]
    .filter((c) => !c.train)
    .map((c) => [c.id, c.graph] as [string, Graph]),
  ...extraCases(),
  ['template lenet5', tpl('lenet5')],
  ['template mlp', tpl('mlp')],
];
const files = new Map<string, string>();
let checker: Record<string, string | null> = {};

async function appAndFile(id: string, graph: Graph, i: number) {
  const m = await exportModel(graph, { seed: i + 1 });
  if (!m.ok) throw new Error(m.error);
  const { tf, compiled } = m.value;
  const rng = makeRng(900 + i);
  const namer = torchNamer(graph);
  const state = m.value.state.map((e) =>
    /running_(mean|var)$/.test(e.name) ||
    graph.nodes.some(
      (n) =>
        /^(Batch|Layer|Group|Instance)Norm/.test(n.type) &&
        (namer(n.id, 'weight') === e.name || namer(n.id, 'bias') === e.name),
    )
      ? { ...e, values: e.values.map(() => (e.name.endsWith('running_var') ? 0.5 + rng.next() : rng.next() - 0.5)) }
      : e,
  );
  const set = setStateDict(tf, compiled, state, namer);
  if (!set.ok) throw new Error(set.error);
  const onnx = graphToOnnx(graph, new Map(state.map((e) => [e.name, e])));
  if (!onnx.ok) throw new Error(onnx.error);
  const path = join(root, `m${i}.onnx`);
  writeFileSync(path, encodeOnnx(onnx.value));
  files.set(id, path);
  const inputs = compiled.inputShapes.map((s) => {
    const shape = [2, ...s];
    return { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 4 - 2) };
  });
  const xs = inputs.map((x) => tf.tensor(x.values, x.shape));
  const y = compiled.model.apply(xs, { training: false }) as Tensor | Tensor[];
  const want = (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
  tf.dispose([...xs, ...(Array.isArray(y) ? y : [y])]);
  compiled.model.dispose();
  return { path, inputs, want };
}

const prepared = new Map<string, Awaited<ReturnType<typeof appAndFile>> | string>();

beforeAll(async () => {
  for (let i = 0; i < cases.length; i++) {
    try {
      prepared.set(cases[i][0], await appAndFile(cases[i][0], cases[i][1], i));
    } catch (e) {
      prepared.set(cases[i][0], e instanceof Error ? e.message : String(e));
    }
  }
  const script = fileURLToPath(new URL('./onnx-check.py', import.meta.url));
  try {
    checker = JSON.parse(
      execFileSync('/usr/bin/python3', [script, ...files.values()], { encoding: 'utf8', timeout: 120_000 }),
    );
  } catch (e) {
    throw new Error(`the ONNX checker failed to run (install Debian's python3-onnx): ${String(e)}`);
  }
}, 300_000);

describe('ONNX export: onnx.checker and onnxruntime-node = the app (max abs error < 1e-4)', () => {
  it.each(cases.map(([id]) => [id]))('%s', async (id) => {
    const p = prepared.get(id);
    if (typeof p === 'string' || !p) throw new Error(p ?? 'not prepared');
    expect(checker[p.path]).toBeNull();
    const got = await runOnnx(p.path, p.inputs);
    expect(got.length).toBe(p.want.length);
    got.forEach((o, k) => {
      expect(o.length).toBe(p.want[k].length);
      let m = 0;
      for (let j = 0; j < o.length; j++) m = Math.max(m, Math.abs(o[j] - p.want[k][j]));
      expect(m, `output ${k}`).toBeLessThan(1e-4);
    });
  });
});
