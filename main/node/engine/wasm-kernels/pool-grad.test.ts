// MaxPoolGrad and AvgPoolGrad on wasm (the project's kernels) against the cpu backend: called
// directly and through tf.grad, with ties (ReLU zeros), paddings, strides and overlapping windows.
import { beforeAll, describe, expect, it } from 'vitest';
import { simdKernels, setSimdKernels } from './simd';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';
import { defineTorchPool2d, type Pool2dConfig } from '../../../../app/compiler/tfjs/custom/pool';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import * as tfl from '@tensorflow/tfjs-layers';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

describe('wasm pooling gradients equal the cpu backend', () => {
  beforeAll(ready);

  it.each([true, false])(
    'tf.grad of maxPool and avgPool after ReLU on 40 random geometries (SIMD %s)',
    async (simd) => {
      setSimdKernels(simd);
      try {
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
            const gAvg = tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.avgPool(a as tf.Tensor4D, [fh, fw], s, pad))))(
              x,
            );
            return [gMax, gAvg];
          };
          const cpu = await on('cpu', run),
            wasm = await on('wasm', run);
          const label = JSON.stringify({ n, h, w, c, fh, fw, s, pad });
          expect(maxRelError(wasm[0], cpu[0]), `max pool, ${label}`).toBeLessThan(1e-4);
          expect(maxRelError(wasm[1], cpu[1]), `avg pool, ${label}`).toBeLessThan(1e-4);
        }
      } finally {
        setSimdKernels(true);
      }
    },
  );

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
          [6, 8, 7], // the last vector overlaps the one before by one channel (by two for 6, three for 5)
          [4, 4, 4],
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

  it.each([true, false])(
    "MaxPool2d's layer (padding in the kernel) trains as the padded formulation, and wasm as cpu (SIMD %s)",
    async (simd) => {
      setSimdKernels(simd);
      try {
        const Pool = defineTorchPool2d({ ...tf, ...tfl } as unknown as Tf);
        const geometries: [number[], Partial<Pool2dConfig>][] = [
          // ResNet's stem pool: 3x3, stride 2, padding 1 on a 16x16 map of 64 channels.
          [[2, 16, 16, 64], { kernel: [3, 3], stride: [2, 2], padding: [1, 1] }],
          [[2, 7, 9, 6], { kernel: [3, 3], stride: [2, 2], padding: [1, 1], ceilMode: true }],
          [[1, 6, 6, 5], { kernel: [2, 2], stride: [2, 2], padding: [1, 1], ceilMode: true }],
          [[2, 5, 8, 3], { kernel: [3, 2], stride: [1, 2], padding: [1, 0] }],
        ];
        for (const [i, [shape, g]] of geometries.entries()) {
          const cfg: Pool2dConfig = {
            mode: 'max',
            kernel: [2, 2],
            stride: [2, 2],
            padding: [0, 0],
            dilation: [1, 1],
            ceilMode: false,
            countIncludePad: true,
            divisorOverride: null,
            ...g,
          };
          const r = rng(70 + i);
          // ReLU zeros make ties; the padded formulation pads with -inf, pools 'valid' and slices.
          const xv = randomValues(
            r,
            shape.reduce((p, d) => p * d, 1),
          ).map((v) => Math.max(v, 0));
          const layer = new Pool(cfg);
          const through = (x: tf.Tensor) => layer.apply(x) as tf.Tensor;
          const padded = (x: tf.Tensor) => {
            const ho = (layer.computeOutputShape(x.shape) as number[])[1],
              wo = (layer.computeOutputShape(x.shape) as number[])[2];
            const need = (o: number, a: 0 | 1) => (o - 1) * cfg.stride[a] + cfg.kernel[a];
            const right = [need(ho, 0) - shape[1] - cfg.padding[0], need(wo, 1) - shape[2] - cfg.padding[1]].map(
              (v, a) => Math.max(v, cfg.padding[a]),
            );
            const xp = tf.pad(
              x,
              [
                [0, 0],
                [cfg.padding[0], right[0]],
                [cfg.padding[1], right[1]],
                [0, 0],
              ],
              -Infinity,
            );
            return tf.slice(
              tf.maxPool(xp as tf.Tensor4D, cfg.kernel, cfg.stride, 'valid'),
              [0, 0, 0, 0],
              [-1, ho, wo, -1],
            );
          };
          const run = (f: (x: tf.Tensor) => tf.Tensor) => () => {
            const x = tf.tensor4d(xv, shape as [number, number, number, number]);
            const dy = tf.tensor(randomValues(rng(i), f(x).size), f(x).shape);
            return [f(x), tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a), dy)))(x)];
          };
          const label = JSON.stringify({ shape, ...g });
          const ref = await on('cpu', run(padded));
          for (const backend of ['cpu', 'wasm'] as const) {
            const got = await on(backend, run(through));
            expect(maxRelError(got[0], ref[0]), `y on ${backend}, ${label}`).toBe(0);
            expect(maxRelError(got[1], ref[1]), `dx on ${backend}, ${label}`).toBeLessThan(1e-6);
          }
        }
      } finally {
        setSimdKernels(true);
      }
    },
  );
});
