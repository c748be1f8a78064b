/**
 * The compiled model's forward pass equals PyTorch's on the same weights (max abs error < 1e-4),
 * for every layer kind, LeNet-5, a ResNet basic block and an Inception block; BatchNorm in train
 * mode updates its running stats as PyTorch does. One python process runs every case.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../shapes/analyze';
import type { Variable } from '@tensorflow/tfjs-core';
import { makeRng } from '../../data/rng';
import { createOptimizer } from '../../training/optimizers';
import { parseTrainingSettings } from '../../training/settings';
import { trainStep } from '../../training/step';
import { compileGraph, type CompiledModel } from './compile';
import { registryParams } from './registry-params';
import { defaultNamer, getStateDict, setStateDict, type StateEntry } from './statedict';
import { layerCases, mergeCases, networkCases, type TorchCase } from './testing/torch-cases';
import type { Tensor, Tf } from './tf';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const cases: TorchCase[] = [...layerCases(), ...mergeCases(), ...networkCases()];
const results = new Map<string, { tfjs: number[][]; tfState: StateEntry[] }>();
const failures = new Map<string, string>();
let torch: Record<string, { outputs: number[][]; state: Record<string, number[]> }> = {};

function normal(rng: ReturnType<typeof makeRng>, n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return a;
}

/** A case's seed from its id, so adding a case elsewhere in the list never changes another's weights. */
function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return (h % 100000) + 1;
}

function prepare(c: TorchCase) {
  const index = seedOf(c.id);
  const analysis = analyzeGraph(c.graph);
  if (analysis.errors.length > 0) throw new Error(`${c.id}: ${analysis.errors[0].message}`);
  const r = compileGraph(tf, c.graph, { seed: index });
  if (!r.ok) throw new Error(`${c.id}: ${r.error}`);
  const compiled: CompiledModel = r.value;
  const rng = makeRng(1000 + index);
  // Normalization parameters and running stats away from their defaults, so eval mode is tested.
  const entries = getStateDict(tf, compiled, defaultNamer).map((e) => {
    const node = c.graph.nodes.find((n) => e.name.startsWith(`${n.id}.`));
    if (!/^(Batch|Layer|Group|Instance)Norm/.test(node?.type ?? '') || e.name.endsWith('num_batches_tracked')) return e;
    const values = e.values.map(() => (e.name.endsWith('running_var') ? 0.5 + rng.next() : rng.next() - 0.5));
    return { ...e, values };
  });
  const set = setStateDict(tf, compiled, entries, defaultNamer);
  if (!set.ok) throw new Error(set.error);
  const n = c.train ? 4 : 3;
  const inputs = compiled.inputShapes.map((s) => ({
    shape: [n, ...s],
    values: Array.from(normal(rng, n * s.reduce((a, b) => a * b, 1))),
  }));
  let outs: number[][] = [];
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  if (c.sgd) {
    const settings = parseTrainingSettings({ optimizer: 'sgd', ...c.sgd });
    if (!settings.ok) throw new Error(settings.error);
    const params = compiled.model.trainableWeights.map((w) => w.read() as unknown as Variable);
    const opt = createOptimizer(tf, params, settings.value);
    const xs = inputs.map((x) => tf.tensor(x.values, x.shape));
    const y = tf.tensor1d(labels, 'int32');
    for (let step = 0; step < (c.steps ?? 1); step++)
      trainStep(tf, compiled.model, params, opt, xs[0], y, settings.value);
    tf.dispose([...xs, y]);
    opt.dispose();
  }
  for (let step = 0; step < (c.sgd ? 1 : (c.steps ?? 1)); step++) {
    const xs = inputs.map((x) => tf.tensor(x.values, x.shape));
    const y = compiled.model.apply(xs, { training: c.train === true && !c.sgd }) as Tensor | Tensor[];
    outs = (Array.isArray(y) ? y : [y]).map((t) => Array.from(t.dataSync()));
    tf.dispose([...xs, ...(Array.isArray(y) ? y : [y])]);
  }
  results.set(c.id, { tfjs: outs, tfState: getStateDict(tf, compiled, defaultNamer) });
  const nodes = c.graph.nodes.map((node) => {
    const p = registryParams(node);
    if (!p.ok) throw new Error(`${c.id}: ${p.error}`);
    const kwargs: Record<string, unknown> = { ...p.value, ...(analysis.nodes.get(node.id)?.inferred ?? {}) };
    delete kwargs.shape;
    return { id: node.id, type: node.type, kwargs, shares: node.shares };
  });
  const edges = c.graph.edges.map((e) => ({
    source: e.source,
    target: e.target,
    port: e.targetPort ?? 0,
    from: e.sourcePort ?? 0,
  }));
  const state = Object.fromEntries(entries.map((e) => [e.name, { shape: e.shape, values: Array.from(e.values) }]));
  compiled.model.dispose();
  const sgd = c.sgd ? { ...c.sgd, labels } : undefined;
  return {
    id: c.id,
    nodes,
    edges,
    order: analysis.order,
    outputs: compiled.outputIds,
    inputs,
    state,
    train: c.train === true,
    steps: c.steps ?? 1,
    sgd,
  };
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const prepared = cases.flatMap((c) => {
    try {
      return [prepare(c)];
    } catch (e) {
      failures.set(c.id, e instanceof Error ? e.message : String(e));
      return [];
    }
  });
  const payload = { cases: prepared };
  const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-'));
  try {
    writeFileSync(join(dir, 'in.json'), JSON.stringify(payload));
    const script = fileURLToPath(new URL('./torch_ref.py', import.meta.url));
    try {
      execFileSync('/usr/bin/python3', [script, join(dir, 'in.json'), join(dir, 'out.json')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      const msg = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
      throw new Error(
        `PyTorch reference failed (install Debian's python3-torch: apt-get install python3-torch):\n${msg}`,
      );
    }
    torch = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('compiled tfjs model = PyTorch (max abs error < 1e-4)', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    expect(failures.get(id)).toBeUndefined();
    const mine = results.get(id);
    const ref = torch[id];
    expect(mine && ref).toBeTruthy();
    if (!mine || !ref) return;
    expect(mine.tfjs.length).toBe(ref.outputs.length);
    mine.tfjs.forEach((o, i) => expect(maxAbs(o, ref.outputs[i]), `output ${i}`).toBeLessThan(1e-4));
    if (c.train) {
      for (const e of mine.tfState) {
        expect(ref.state[e.name], e.name).toBeDefined();
        expect(maxAbs(e.values, ref.state[e.name]), e.name).toBeLessThan(1e-4);
      }
    }
  });
});
