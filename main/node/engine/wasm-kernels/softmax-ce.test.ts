// CrossEntropyLoss on wasm through NetloomSoftmaxCrossEntropy (one kernel for the loss and its
// gradient) gives the cpu backend's tensor-op loss and logits gradient, large logits included.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Tensor, Tf } from '../../../../app/compiler/tfjs/tf';
import { lossValue } from '../../../../app/training/losses';
import { maxRelError, on, randomValues, ready, rng, tf as tfc } from './test-util';

const tf = { ...tfc, ...tfl } as unknown as Tf;

describe('NetloomSoftmaxCrossEntropy on wasm = the composed loss on cpu', () => {
  beforeAll(ready);

  for (const [n, c, scale, dtype] of [
    [64, 10, 3, 'int32'],
    [5, 3, 60, 'int32'],
    [1, 1000, 1, 'float32'],
    [7, 2, 20, 'float32'],
  ] as const) {
    it(`N=${n}, C=${c}, logits up to ±${scale}, ${dtype} labels`, async () => {
      const r = rng(n * 31 + c);
      const xv = randomValues(r, n * c).map((v) => v * scale);
      const yv = Array.from({ length: n }, () => r.int(0, c - 1));
      const run = () => {
        const labels = tf.tensor1d(yv, dtype) as Tensor;
        const { value, grads } = tf.variableGrads(
          () => lossValue(tf, 'CrossEntropyLoss', x, labels) as never,
          [x as never],
        );
        return [value, grads[(x as unknown as { name: string }).name]] as never;
      };
      let x: Tensor;
      const make = () => {
        x = tf.variable(tf.tensor2d(xv, [n, c])) as unknown as Tensor;
      };
      await tf.setBackend('cpu');
      make();
      const cpu = await on('cpu', run);
      tf.dispose(x! as never);
      await tf.setBackend('wasm');
      make();
      const prof = await tf.profile(() => {
        tf.dispose(run() as never);
      });
      expect(prof.kernels.map((k) => k.name)).toContain('NetloomSoftmaxCrossEntropy');
      expect(prof.kernels.map((k) => k.name)).not.toContain('OneHot');
      const wasm = await on('wasm', run);
      tf.dispose(x! as never);
      expect(Math.abs(wasm[0][0] - cpu[0][0]) / Math.max(1, Math.abs(cpu[0][0]))).toBeLessThan(1e-5);
      expect(maxRelError(wasm[1], cpu[1])).toBeLessThan(1e-5);
    });
  }
});
