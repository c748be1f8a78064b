/**
 * runs.batchnorm: per BatchNorm layer, running statistics from the checkpoint beside the batch
 * statistics of its input. In-process on a compiled net (values against a direct per-channel
 * computation; corrupted running stats give the doctor's batchnorm-drift finding), and through
 * the host on a small BatchNorm net trained one epoch on the synthetic set.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph, type Tf } from '../../../app/compiler/tfjs';
import { bindingVariable } from '../../../app/compiler/tfjs/statedict';
import { batchnormDrift } from '../../../app/doctor/curves/internals';
import type { BatchNormStats } from '../../../app/doctor/curves/types';
import { serializeProject } from '../../../app/graph/schema';
import { GraphBuilder } from '../../../app/templates/builder';
import { batchnormStats } from './training-batchnorm';
import { trainToDone } from './test-host';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function bnNet(shape: number[]) {
  const b = new GraphBuilder('BNNet');
  b.chain(b.input(shape), [
    ['BatchNorm2d', {}],
    ['Conv2d', { out_channels: 4, kernel_size: 3 }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Flatten', {}],
    ['Linear', { out_features: 6 }],
    ['BatchNorm1d', {}],
    ['Linear', { out_features: 10 }],
  ]);
  return b.build();
}

describe('batchnormStats', () => {
  const shape = [2, 5, 5];
  const n = 16;
  const size = 2 * 5 * 5;
  const x = new Float32Array(n * size).map((_, i) => Math.sin(i * 0.37) * 2 + (Math.floor(i / 25) % 2 ? 3 : -1));
  const ds = { x, y: new Int32Array(n), n, shape, classes: ['a'] };

  it('per-channel batch mean and variance of each BatchNorm input, beside its running stats', () => {
    const c = compileGraph(tf, bnNet(shape), { seed: 1 });
    if (!c.ok) throw new Error(c.error);
    const r = batchnormStats({ tf, compiled: c.value, test: ds as never, train: ds as never });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.samples).toBe(n);
    const layers = r.value.layers;
    expect(layers.map((l) => l.batchMean.length)).toEqual([2, 4, 6]);
    expect(layers.map((l) => l.runningVar.length)).toEqual([2, 4, 6]);
    expect(new Set(layers.map((l) => l.name)).size).toBe(3);
    expect(layers.every((l) => !l.name.endsWith('running_mean'))).toBe(true);
    // Fresh running stats: mean 0, var 1.
    expect(layers[0].runningMean).toEqual([0, 0]);
    expect(layers[0].runningVar).toEqual([1, 1]);
    // The train-mode pass leaves the running stats as they were.
    const again = batchnormStats({ tf, compiled: c.value, test: ds as never, train: ds as never });
    expect(again.ok && again.value.layers).toEqual(layers);
    // The first BatchNorm reads the input: its batch stats are the data's per-channel stats.
    for (let ch = 0; ch < 2; ch++) {
      const vals: number[] = [];
      for (let s = 0; s < n; s++) for (let p = 0; p < 25; p++) vals.push(x[s * size + ch * 25 + p]);
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const variance = vals.reduce((a, b) => a + (b - mean) ** 2, 0) / vals.length;
      expect(layers[0].batchMean[ch]).toBeCloseTo(mean, 4);
      expect(layers[0].batchVar[ch]).toBeCloseTo(variance, 3);
    }
  });

  it('running stats set to the batch stats raise nothing; corrupted ones give batchnorm-drift', () => {
    const c = compileGraph(tf, bnNet(shape), { seed: 1 });
    if (!c.ok) throw new Error(c.error);
    const l = { tf, compiled: c.value, test: ds as never, train: ds as never };
    const first = batchnormStats(l);
    if (!first.ok) throw new Error('failed');
    const bn = c.value.nodes.filter((nd) => nd.bindings.some((b) => b.name === 'running_mean'));
    bn.forEach((nd, i) => {
      const st = first.value.layers[i];
      for (const b of nd.bindings) {
        if (b.name === 'running_mean') bindingVariable(b).write(tf.tensor(st.batchMean) as never);
        if (b.name === 'running_var') bindingVariable(b).write(tf.tensor(st.batchVar) as never);
      }
    });
    const matched = batchnormStats(l);
    if (!matched.ok) throw new Error('failed');
    expect(batchnormDrift({ epochs: [], batchnorm: matched.value.layers })).toBeNull();
    // Corrupt the first layer's running mean by 10 batch std.
    const mean = bn[0].bindings.find((b) => b.name === 'running_mean')!;
    const st = matched.value.layers[0];
    bindingVariable(mean).write(tf.tensor(st.batchMean.map((m, ch) => m + 10 * Math.sqrt(st.batchVar[ch]))) as never);
    const drifted = batchnormStats(l);
    if (!drifted.ok) throw new Error('failed');
    const d = batchnormDrift({ epochs: [], batchnorm: drifted.value.layers });
    expect(d?.id).toBe('batchnorm-drift');
    expect(d?.nodeIds).toEqual([bn[0].nodeId]);
    expect(d?.evidence[0].label).toContain(st.name);
  });
});

describe('runs.batchnorm', () => {
  it('returns each BatchNorm layer of a net trained one epoch on the synthetic set', async () => {
    const text = serializeProject({
      ...bnNet([1, 28, 28]),
      dataset: { name: 'synthetic', trainSize: 120, testSize: 20 },
    });
    const { host, done } = await trainToDone(text, { epochs: 1, batch_size: 20, seed: 1 });
    expect(done.status).toBe('completed');
    const res = await host.call('runs.batchnorm', { runDir: done.runDir! });
    expect(res.ok, JSON.stringify(res).slice(0, 300)).toBe(true);
    const v = (res as { value: { samples: number; layers: BatchNormStats[] } }).value;
    expect(v.samples).toBe(64);
    expect(v.layers.map((l) => [l.batchMean.length, l.batchVar.length, l.runningMean.length])).toEqual([
      [1, 1, 1],
      [4, 4, 4],
      [6, 6, 6],
    ]);
    // Running stats are the checkpoint's: the same as runs.params reports for `<name>.running_mean`.
    const params = (await host.call('runs.params', { runDir: done.runDir! })) as {
      value: { name: string; mean: number }[];
    };
    for (const l of v.layers) {
      const p = params.value.find((q) => q.name === `${l.name}.running_mean`);
      expect(p, l.name).toBeDefined();
      expect(p!.mean).toBeCloseTo(l.runningMean.reduce((a, b) => a + b, 0) / l.runningMean.length, 5);
      expect(l.batchVar.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    }
    // One epoch moved the running stats off their initial 0/1.
    expect(v.layers[1].runningMean.some((m) => m !== 0)).toBe(true);
  });
});
