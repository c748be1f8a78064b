// SyncBatchNorm's own arithmetic, in one thread: with a single replica (its gather returns its own
// values) the synchronized layer is plain BatchNorm (output, gradients, running statistics), an
// empty shard's values count nowhere, and eval mode never meets the other replicas.
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../templates/builder';
import { compileGraph } from '../compile';
import type { LayersModel, Tensor, Tf } from '../tf';
import { setBatchNormSync, type BatchNormSync } from './batchnorm-sync';

const tf = { ...tfc, ...tfl } as unknown as Tf;

function model(): LayersModel {
  const b = new GraphBuilder('Bn');
  b.chain(b.input([2, 3, 3]), [
    ['Conv2d', { out_channels: 3, kernel_size: 1 }],
    ['BatchNorm2d', {}],
    ['Flatten', {}],
    ['Linear', { out_features: 2 }],
    ['BatchNorm1d', { momentum: null }],
  ]);
  const c = compileGraph(tf, b.build(), { seed: 4 });
  if (!c.ok) throw new Error(c.error);
  return c.value.model;
}

/** The loss's gradients, the output and every weight after one train-mode pass. */
function pass(m: LayersModel, x: Tensor) {
  const params = m.trainableWeights.map((w) => w.read() as tfc.Variable);
  let out: Float32Array = new Float32Array();
  const { grads } = tf.variableGrads(() => {
    const y = m.apply(x, { training: true }) as Tensor;
    out = y.dataSync() as Float32Array;
    return tf.sum(tf.mul(y, tf.reshape(tf.linspace(-1, 2, y.size), y.shape))) as tfc.Scalar;
  }, params);
  const g = params.map((p) => grads[p.name].dataSync() as Float32Array);
  tf.dispose(Object.values(grads));
  return { out, g, w: m.weights.map((w) => w.read().dataSync() as Float32Array) };
}

const close = (a: Float32Array, b: Float32Array) =>
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(b[i]))));

describe('SyncBatchNorm arithmetic', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('one replica is plain BatchNorm; an empty shard beside it counts nowhere; eval mode never gathers', () => {
    const x = tf.tensor(
      Float32Array.from({ length: 5 * 18 }, (_, i) => Math.sin(i) * 3 + 1),
      [5, 2, 3, 3],
    );
    const plain = pass(model(), x);
    let gathers = 0;
    const solo: BatchNormSync = { samples: 5, allGather: (v) => (gathers++, [v.slice()]) };
    // An empty shard's replica gathers garbage it never reads: its count and weight are 0.
    const withEmpty: BatchNormSync = {
      samples: 5,
      allGather: (v) => [v.slice(), Float64Array.from(v, (_, i) => (i === 0 ? 0 : NaN))],
    };
    for (const sync of [solo, withEmpty]) {
      const m = model();
      setBatchNormSync(m, sync);
      const synced = pass(m, x);
      close(synced.out, plain.out);
      synced.g.forEach((g, i) => close(g, plain.g[i]));
      synced.w.forEach((w, i) => close(w, plain.w[i]));
    }
    expect(gathers).toBe(4); // two layers, forward and backward
    const m = model();
    expect(setBatchNormSync(m, solo)).toBe(2);
    gathers = 0;
    (m.predict(x) as Tensor).dispose();
    (m.apply(x, { training: false }) as Tensor).dispose();
    expect(gathers).toBe(0);
    tf.dispose(x);
  });
});
