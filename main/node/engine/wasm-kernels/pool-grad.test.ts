// MaxPoolGrad and AvgPoolGrad on wasm (the project's kernels) against the cpu backend: called
// directly and through tf.grad, with ties (ReLU zeros), paddings, strides and overlapping windows.
import { beforeAll, describe, expect, it } from 'vitest';
import { simdKernels, setSimdKernels } from './simd';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

describe('wasm pooling gradients equal the cpu backend', () => {
  beforeAll(ready);

  it('tf.grad of maxPool and avgPool after ReLU on 40 random geometries', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const fh = r.int(1, 4),
        fw = r.int(1, 4);
      const n = r.int(1, 3),
        h = r.int(fh, 12),
        w = r.int(fw, 12),
        c = r.int(1, 6);
      const s: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const pad = r.pick<Pad>([
        'same',
        'valid',
        [
          [0, 0],
          [r.int(0, fh >> 1), r.int(0, fh >> 1)],
          [r.int(0, fw >> 1), r.int(0, fw >> 1)],
          [0, 0],
        ],
      ]);
      const xv = randomValues(r, n * h * w * c);
      const run = () => {
        const x = tf.tensor4d(xv, [n, h, w, c]);
        const gMax = tf.grad((a: tf.Tensor) =>
          tf.sum(tf.square(tf.maxPool(tf.relu(a) as tf.Tensor4D, [fh, fw], s, pad))),
        )(x);
        const gAvg = tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, [fh, fw], s, pad))))(x);
        return [gMax, gAvg];
      };
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      const label = JSON.stringify({ n, h, w, c, fh, fw, s, pad });
      expect(maxRelError(wasm[0], cpu[0]), `max pool, ${label}`).toBeLessThan(1e-4);
      expect(maxRelError(wasm[1], cpu[1]), `avg pool, ${label}`).toBeLessThan(1e-4);
    }
  });

  for (const simd of [true, false]) {
    it(`the 2x2 stride-2 fast path (${simd ? 'SIMD kernel' : 'JavaScript'}), odd sizes, tails and all-equal windows included`, async () => {
      setSimdKernels(simd);
      try {
        await tf.setBackend('wasm');
        expect(simdKernels(tf.backend() as never) !== null).toBe(simd);
        for (const [h, w, c] of [
          [28, 28, 6],
          [7, 9, 3],
          [2, 2, 1],
          [5, 4, 3],
          [10, 10, 16],
          [4, 6, 5],
        ]) {
          const r = rng(h * 100 + w + c);
          const xv = randomValues(r, 2 * h * w * c).map((v, i) => (i % 5 === 0 ? 0 : v));
          const dyShape = [2, Math.floor(h / 2), Math.floor(w / 2), c];
          const dyv = randomValues(
            r,
            dyShape.reduce((p, d) => p * d, 1),
          );
          const run = () =>
            tf.engine().runKernel(
              'MaxPoolGrad',
              {
                dy: tf.tensor(dyv, dyShape),
                input: tf.relu(tf.tensor4d(xv, [2, h, w, c])),
                output: tf.zeros(dyShape),
              },
              { filterSize: 2, strides: 2, pad: 'valid' },
            ) as tf.Tensor;
          const cpu = await on('cpu', run),
            wasm = await on('wasm', run);
          expect(maxRelError(wasm[0], cpu[0]), `${h}x${w}x${c}`).toBeLessThan(1e-6);
        }
      } finally {
        setSimdKernels(true);
      }
    });
  }
});
