import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../compiler/tfjs/compile';
import type { LayersModel, Tensor, Tf } from '../compiler/tfjs/tf';
import { GraphBuilder } from '../templates/builder';
import { leanVariableGrads } from './lean-grads';
import { lossValue } from './losses';
import { createOptimizer } from './optimizers';
import { parseTrainingSettings } from './settings';
import { trainStep } from './step';

const tf = { ...tfc, ...tfl } as unknown as Tf;

/** A residual network small enough for the cpu backend: a tensor with two consumers (the Add's identity), BatchNorm's custom gradient, ReLU, max-pool, Linear. */
function model(): LayersModel {
  const b = new GraphBuilder('Net');
  let x = b.input([3, 8, 8]);
  x = b.chain(x, [
    ['Conv2d', { out_channels: 16, kernel_size: 3, padding: 1 }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
  ]);
  const r = b.chain(x, [
    ['Conv2d', { out_channels: 16, kernel_size: 3, padding: 1, bias: false }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 16, kernel_size: 3, padding: 1, bias: false }],
    ['BatchNorm2d', {}],
  ]);
  x = b.layer('Add', {}, [r, x], { functional: true });
  x = b.chain(x, [
    ['ReLU', {}],
    ['MaxPool2d', { kernel_size: 2 }],
    ['Flatten', {}],
    ['Linear', { out_features: 10 }],
  ]);
  const c = compileGraph(tf, b.build(), { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  return c.value.model;
}

/** The largest number of tensor bytes alive at any moment of f (tfjs's engine counter, watched on every change). */
function peakBytes(f: () => void): number {
  const state = tf.engine().state as unknown as { numBytes: number };
  let now = state.numBytes;
  let peak = now;
  Object.defineProperty(state, 'numBytes', {
    configurable: true,
    get: () => now,
    set: (v: number) => {
      now = v;
      peak = Math.max(peak, v);
    },
  });
  try {
    f();
  } finally {
    delete (state as { numBytes?: number }).numBytes;
    state.numBytes = now;
  }
  return peak;
}

describe('leanVariableGrads', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const net = model;
  const x = () => tf.randomUniform([8, 3, 8, 8], 0, 1, 'float32', 7);
  const y = () => tf.tensor1d([3, 7, 0, 1, 2, 9, 4, 5], 'int32');

  it("gives tfjs's gradients bit for bit, frees everything it made, and peaks lower", () => {
    const m = net();
    const xs = x(),
      ys = y();
    const vars = m.trainableWeights.map((w) => w.read() as Variable);
    const loss = () => lossValue(tf, 'CrossEntropyLoss', m.apply(xs, { training: true }) as Tensor, ys);
    const before = tf.memory().numTensors;
    let want: { value: Tensor; grads: Record<string, Tensor> } | null = null;
    let mine: { value: Tensor; grads: Record<string, Tensor> } | null = null;
    const bytes0 = tf.memory().numBytes;
    const tfjsPeak =
      peakBytes(() => {
        want = tf.variableGrads(loss as never, vars);
      }) - bytes0;
    const afterTfjs = tf.memory().numTensors;
    const bytes1 = tf.memory().numBytes;
    const leanPeak =
      peakBytes(() => {
        mine = leanVariableGrads(tf, loss, vars);
      }) - bytes1;
    const w = want as unknown as { value: Tensor; grads: Record<string, Tensor> };
    const g = mine as unknown as { value: Tensor; grads: Record<string, Tensor> };
    // Same tensors left alive by both: the value and one gradient per variable.
    expect(tf.memory().numTensors - afterTfjs).toBe(afterTfjs - before);
    expect(g.value.dataSync()[0]).toBe(w.value.dataSync()[0]);
    expect(Object.keys(g.grads).sort()).toEqual(Object.keys(w.grads).sort());
    expect(Object.keys(g.grads).length).toBe(vars.length);
    for (const name of Object.keys(w.grads)) {
      expect(g.grads[name].shape).toEqual(w.grads[name].shape);
      expect(Array.from(g.grads[name].dataSync())).toEqual(Array.from(w.grads[name].dataSync()));
    }
    tf.dispose([w.value, g.value, ...Object.values(w.grads), ...Object.values(g.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    // tfjs keeps every intermediate gradient and saved activation to the end of the backward pass.
    expect(leanPeak).toBeLessThan(0.75 * tfjsPeak);
  });

  it('tells of each gradient once, as soon as it is complete, with the tensor it returns', () => {
    const m = net();
    const xs = x(),
      ys = y();
    const vars = m.trainableWeights.map((w) => w.read() as Variable);
    // A variable read twice, late and early on the tape: it is complete only after its first use.
    const twice = tf.variable(tf.scalar(0.5), true, 'twice') as unknown as Variable;
    const all = [...vars, twice];
    const loss = () => {
      const early = tf.mul(twice, 3); // on the tape before the network
      const l = lossValue(tf, 'CrossEntropyLoss', m.apply(xs, { training: true }) as Tensor, ys);
      return tf.add(tf.mul(l, twice), early);
    };
    const told: { i: number; t: Tensor; values: Float32Array; early: boolean }[] = [];
    let done = false;
    const r = leanVariableGrads(tf, loss, all, (i, t) =>
      told.push({ i, t, values: (t.dataSync() as Float32Array).slice(), early: !done }),
    );
    done = true;
    expect(told.map((c) => c.i).sort((a, b) => a - b)).toEqual(all.map((_, i) => i));
    for (const c of told) {
      expect(r.grads[all[c.i].name], all[c.i].name).toBe(c.t);
      expect(Array.from(c.values), all[c.i].name).toEqual(Array.from(c.t.dataSync()));
    }
    // The backward pass meets the Linear (the last layer) first and the twice-read scalar last.
    const linear = vars.findIndex((v) => v.shape.length === 2);
    expect(told[0].i === linear || told[1].i === linear).toBe(true);
    expect(told[told.length - 1].i).toBe(all.length - 1);
    tf.dispose([r.value, ...Object.values(r.grads), twice]);
  });

  it('leaves the tape clean when the loss throws, and falls back under an outer tape', () => {
    const m = net();
    const xs = x();
    const vars = m.trainableWeights.map((w) => w.read() as Variable);
    const before = tf.memory().numTensors;
    expect(() =>
      leanVariableGrads(
        tf,
        () => {
          m.apply(xs, { training: true });
          throw new Error('loss failed');
        },
        vars,
      ),
    ).toThrow('loss failed');
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.engine().state as unknown as { gradientDepth: number }).gradientDepth).toBe(0);
    // Under tf.grad the engine's own path runs (second-order use), with the same first-order result.
    const v = tf.variable(tf.scalar(3));
    const dd = tf.grad((a: Tensor) => {
      const { grads } = leanVariableGrads(tf, () => tf.mul(tf.mul(a, v), v), [v]);
      return grads[v.name];
    })(tf.scalar(2));
    expect(dd.dataSync()[0]).toBeCloseTo(6);
  });

  it('a training step leaks no tensor: the count is constant from the second step on', () => {
    const m = net();
    const xs = x(),
      ys = y();
    const s = parseTrainingSettings({ optimizer: 'sgd', lr: 0.01, momentum: 0.9, batch_size: 8 });
    if (!s.ok) throw new Error(s.error);
    const params = m.trainableWeights.map((w) => w.read() as Variable);
    const opt = createOptimizer(tf, params, s.value);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = trainStep(tf, m, params, opt, xs, ys, s.value);
      expect(r.finite).toBe(true);
      counts.push(tf.memory().numTensors);
    }
    expect(counts.slice(1)).toEqual([counts[1], counts[1], counts[1]]);
  });
});
