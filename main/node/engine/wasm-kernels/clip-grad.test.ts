// ClipByValue's gradient on wasm as one kernel (clip-grad.ts): the same values as tfjs-core's own
// gradient on the cpu backend, SIMD on and off, bounds included (x exactly min or max passes dy),
// and one NetloomClipGrad instead of GreaterEqual, LessEqual, LogicalAnd and Select.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as layers from '@tensorflow/tfjs-layers';
import { setSimdKernels } from './simd';
import { on, randomValues, ready, rng, tf } from './test-util';

describe('ClipByValue gradient on wasm', () => {
  beforeAll(ready);
  afterAll(() => setSimdKernels(true));

  it('equals tfjs-core on cpu exactly (ReLU6 and other bounds, odd sizes, values on the bounds)', async () => {
    const r = rng(21);
    for (const [shape, lo, hi] of [
      [[4, 6, 6, 24], 0, 6],
      [[3, 7], -0.5, 0.25],
      [[5], 0, 6],
      [[2, 3, 3, 13], -1, 1],
    ] as [number[], number, number][]) {
      const size = shape.reduce((p, d) => p * d, 1);
      const xv = randomValues(r, size).map((v) => v * 8);
      // values exactly on the bounds and a NaN
      xv[0] = lo;
      xv[size - 1] = hi;
      if (size > 3) xv[1] = NaN;
      const dyv = randomValues(r, size);
      const grad = () =>
        tf.grad((x: tf.Tensor) => tf.clipByValue(x, lo, hi))(tf.tensor(xv, shape), tf.tensor(dyv, shape));
      const cpu = (await on('cpu', grad))[0];
      for (const simd of [true, false]) {
        setSimdKernels(simd);
        const wasm = (await on('wasm', grad))[0];
        expect(Array.from(wasm), `${JSON.stringify(shape)} SIMD ${simd}`).toEqual(Array.from(cpu));
      }
      setSimdKernels(true);
      expect(cpu[0]).toBe(dyv[0]);
      expect(cpu[size - 1]).toBe(dyv[size - 1]);
    }
  });

  it("tfjs-layers' ReLU(maxValue 6) trains through the one kernel on wasm", async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(
      randomValues(rng(22), 2 * 4 * 4 * 8).map((v) => v * 10),
      [2, 4, 4, 8],
    );
    const relu6 = layers.layers.reLU({ maxValue: 6 });
    const profile = await tf.profile(() => tf.grad((v: tf.Tensor) => relu6.apply(v) as tf.Tensor)(x));
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain('NetloomClipGrad');
    expect(names).not.toContain('LogicalAnd');
    tf.dispose([x, profile.result as tf.Tensor]);
  });
});
