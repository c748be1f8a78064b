// BatchNorm's running-statistics update in JavaScript (app/compiler/tfjs/custom/batchnorm.ts,
// runningUpdate: used on wasm and cpu instead of seven tiny kernels per layer) against the tensor
// ops it replaces, tf.add(tf.mul(running, 1 - m), tf.mul(tf.mul(stat, scale), m)), on the wasm
// and cpu backends: bit for bit, over values of every magnitude, for
// PyTorch's default momentum, other momenta, the cumulative average (m = 1 / k) and the
// unbiased-variance factors n / (n - 1) of ResNet-18's layers.
import { beforeAll, describe, expect, it } from 'vitest';
import { runningUpdate } from '../../../../app/compiler/tfjs/custom/batchnorm';
import { on, ready, rng, tf } from './test-util';

function values(seed: number, size: number): Float32Array {
  const r = rng(seed);
  // Signs, magnitudes from 1e-8 to 1e4, and exact zeros: the products and sums round differently.
  return Float32Array.from({ length: size }, (_, i) =>
    i % 17 === 0 ? 0 : (r.next() * 2 - 1) * 10 ** (r.next() * 12 - 8),
  );
}

const cases: [number, number][] = [
  [0.1, 1],
  [0.1, 4096 / 4095],
  [0.1, 64 / 63],
  [0.01, 256 / 255],
  [0.3, 1024 / 1023],
  [1 / 3, 2],
  [1 / 7, 16384 / 16383],
  [1, 1],
];

describe('BatchNorm running statistics in JavaScript', () => {
  beforeAll(ready);

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`equals the tensor ops bit for bit on ${backend}`, async () => {
      try {
        for (const [k, [m, scale]] of cases.entries()) {
          const running = values(2 * k + 1, 515),
            stat = values(2 * k + 2, 515);
          const [want] = await on(backend, () =>
            tf.add(tf.mul(tf.tensor1d(running), 1 - m), tf.mul(tf.mul(tf.tensor1d(stat), scale), m)),
          );
          const got = runningUpdate(running, stat, m, scale);
          const differ = got.findIndex((v, i) => !Object.is(v, want[i]));
          expect(differ, `m=${m} scale=${scale} at ${differ}: ${got[differ]} vs ${want[differ]}`).toBe(-1);
        }
      } finally {
        await tf.setBackend('wasm');
      }
    });
  }
});
