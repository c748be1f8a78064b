// Per-channel Sum and Mean (every axis but the last) on wasm against the cpu backend, SIMD on and
// off, directly and as the reductions inside a BatchNorm-style training gradient; other axes
// still go to tfjs-wasm's own kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';
import { allButLast } from './channel-reduce';
import { setSimdKernels } from './simd';

describe('per-channel Sum and Mean on wasm', () => {
  beforeAll(ready);
  afterAll(() => setSimdKernels(true));

  it('recognizes the per-channel axes only', () => {
    expect(allButLast([0, 1, 2], 4)).toBe(true);
    expect(allButLast([2, -3, 0], 4)).toBe(true);
    expect(allButLast(0, 2)).toBe(true);
    expect(allButLast([0, 1], 4)).toBe(false);
    expect(allButLast([1, 2, 3], 4)).toBe(false);
    expect(allButLast(0, 1)).toBe(false);
  });

  it.each([true, false])('equal the cpu backend, and so does a BatchNorm-style gradient (SIMD %s)', async (simd) => {
    setSimdKernels(simd);
    for (const shape of [
      [4, 3, 5, 7],
      [2, 2, 2, 8],
      [6, 3],
      [3, 2, 5],
      [1, 1, 1, 12],
    ]) {
      const r = rng(shape.reduce((p, d) => p * 10 + d, 0));
      const xv = randomValues(
        r,
        shape.reduce((p, d) => p * d, 1),
      );
      const axes = shape.slice(0, -1).map((_, i) => i);
      const run = () => {
        const x = tf.tensor(xv, shape);
        const norm = (v: tf.Tensor) => {
          const m = tf.moments(v, axes, true);
          const y = tf.mul(tf.sub(v, m.mean), tf.rsqrt(tf.add(m.variance, 1e-5)));
          return tf.sum(tf.mul(tf.square(y), tf.reshape(tf.range(0, v.size), v.shape)));
        };
        return [
          tf.sum(x, axes),
          tf.mean(x, axes, true),
          tf.sum(x, axes.slice(1)), // not per-channel: tfjs-wasm's own
          tf.grad(norm)(x),
        ];
      };
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      ['sum', 'mean', 'other sum', 'gradient'].forEach((name, j) =>
        expect(maxRelError(wasm[j], cpu[j]), `${name}, ${JSON.stringify(shape)}`).toBeLessThan(1e-4),
      );
    }
  });
});
