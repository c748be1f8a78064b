// NetloomBiasActGrad on wasm (ReLU mask and bias gradient in one pass) gives the tensor ops'
// values on the cpu backend, for conv-shaped (NHWC) and Linear-shaped gradients.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { biasActBackward } from '../../../../app/compiler/tfjs/custom/bias-act-grad';
import type { Tensor, Tf } from '../../../../app/compiler/tfjs/tf';
import { simdKernels, setSimdKernels } from './simd';
import { maxRelError, on, randomValues, ready, rng, tf as tfc } from './test-util';

const tf = { ...tfc, ...tfl } as unknown as Tf;

describe('NetloomBiasActGrad on wasm = step, multiply and sum on cpu', () => {
  beforeAll(ready);

  const shapes = [
    [64, 28, 28, 6],
    [3, 5, 7, 4],
    [1, 1, 1, 1],
    [64, 120],
    [5, 3],
    [7, 10],
    [3, 2, 2, 7],
  ];
  for (const shape of shapes) {
    for (const [relu, bias, simd] of [
      [true, true, true],
      [true, false, true],
      [false, true, true],
      [true, true, false],
    ] as const) {
      it(`${JSON.stringify(shape)} relu=${relu} bias=${bias} ${simd ? 'SIMD kernel' : 'JavaScript'}`, async () => {
        setSimdKernels(simd);
        onTestFinished(() => setSimdKernels(true));
        const r = rng(shape.length * 7 + Number(relu) * 2 + Number(bias));
        const size = shape.reduce((a, d) => a * d, 1);
        const dyv = randomValues(r, size);
        // y as a ReLU output: zeros (the mask's edge) and positives.
        const yv = randomValues(r, size).map((v) => Math.max(0, v));
        const run = () => {
          const [dz, db] = biasActBackward(
            tf,
            tf.tensor(dyv, shape) as Tensor,
            tf.tensor(yv, shape) as Tensor,
            relu,
            bias,
          );
          return [dz, ...(db ? [db] : [])] as never;
        };
        const cpu = await on('cpu', run);
        await tf.setBackend('wasm');
        expect(simdKernels(tf.backend() as never) !== null).toBe(simd);
        const prof = await tf.profile(() => {
          tf.dispose(run() as never);
        });
        expect(prof.kernels.map((k) => k.name)).toEqual(['NetloomBiasActGrad']);
        const wasm = await on('wasm', run);
        expect(wasm.map((v) => v.length)).toEqual(cpu.map((v) => v.length));
        cpu.forEach((v, i) => expect(maxRelError(wasm[i], v)).toBeLessThan(1e-5));
        if (bias) expect(wasm[wasm.length - 1]).toHaveLength(shape[shape.length - 1]);
      });
    }
  }
});

describe("ReLU's gradient on wasm: one NetloomBiasActGrad", () => {
  beforeAll(ready);

  for (const simd of [true, false]) {
    it(`gives tfjs's dy * step(x) on cpu, exact values (${simd ? 'SIMD kernel' : 'JavaScript'})`, async () => {
      setSimdKernels(simd);
      onTestFinished(() => setSimdKernels(true));
      const shape = [4, 5, 5, 7];
      const r = rng(11);
      const size = shape.reduce((a, d) => a * d, 1);
      // Exact zeros among the inputs: the mask's edge.
      const xv = randomValues(r, size).map((v, i) => (i % 9 === 0 ? 0 : v));
      const dyv = randomValues(r, size);
      // d/dx sum(relu(x) * w) = w where x > 0: the gradient dy reaching Relu is w.
      const run = () =>
        tf.grad((t: Tensor) => tf.sum(tf.mul(tf.relu(t), tf.tensor(dyv, shape))))(tf.tensor(xv, shape)) as never;
      const cpu = await on('cpu', run);
      await tf.setBackend('wasm');
      const prof = await tf.profile(() => {
        tf.dispose(run() as never);
      });
      const names = prof.kernels.map((k) => k.name);
      expect(names).toContain('NetloomBiasActGrad');
      expect(names).not.toContain('Step');
      const wasm = await on('wasm', run);
      // Same values (+0 where tfjs has -0 for a negative dy: equal as numbers).
      expect(Array.from(wasm[0]).map((v) => v + 0)).toEqual(Array.from(cpu[0]).map((v) => v + 0));
      expect(wasm[0].some((v) => v !== 0)).toBe(true);
    });
  }
});
