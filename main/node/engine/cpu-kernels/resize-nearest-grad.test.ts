// ResizeNearestNeighborGrad (the gradient of Upsample(mode='nearest') / UpSampling2D) on the cpu
// and wasm backends against PyTorch 1.13's values (F.interpolate(..., mode='nearest').backward(dy),
// computed once and written here) and a hand-written reference, for a batch of two.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers the gradients
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from '../wasm-kernels/index';
import { registerCpuKernelFixes } from './resize-nearest-grad';

// x [2, 1, 2, 3] (NCHW) resized to 5x4 and by a factor of 2; dy = arange over NCHW (C = 1, so NHWC alike).
const TORCH_5x4 = [27, 18, 21, 58, 32, 34, 147, 78, 81, 138, 72, 74];
const TORCH_X2 = [14, 22, 30, 62, 70, 78, 110, 118, 126, 158, 166, 174];

function gradOf(size: [number, number], x: tf.Tensor4D): Float32Array {
  const n = size[0] * size[1] * 2;
  const dy = tf.tensor4d(
    Float32Array.from({ length: n }, (_, i) => i),
    [2, ...size, 1],
  );
  const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(v as tf.Tensor4D, size), dy)))(x);
  const out = Float32Array.from(g.dataSync());
  tf.dispose([dy, g]);
  return out;
}

/** By hand: each input pixel of a 2x upsampling receives its 2x2 block of dy. */
function handX2(dy: Float32Array, n: number, h: number, w: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        let s = 0;
        for (let di = 0; di < 2; di++)
          for (let dj = 0; dj < 2; dj++) s += dy[((b * 2 * h + 2 * i + di) * 2 + 0) * w + 2 * j + dj];
        out.push(s);
      }
  return out;
}

describe('ResizeNearestNeighborGrad over a batch of two', () => {
  let original: KernelConfig | undefined;
  beforeAll(async () => {
    original = tf.getKernel('ResizeNearestNeighborGrad', 'cpu');
    registerCpuKernelFixes(tf);
    registerWasmTrainingKernels(tf);
    await tf.setBackend('cpu');
  });

  it('tfjs-backend-cpu 4.22 own kernel is wrong for the second sample (why the fix exists)', async () => {
    await tf.setBackend('cpu');
    const images = tf.zeros([2, 2, 3, 1]);
    const dy = tf.tensor4d(
      Float32Array.from({ length: 40 }, (_, i) => i),
      [2, 5, 4, 1],
    );
    const info = (original as KernelConfig).kernelFunc({
      inputs: { images, dy },
      backend: tf.backend(),
      attrs: { alignCorners: false, halfPixelCenters: false },
    } as never) as tf.TensorInfo;
    const values = tf.backend().readSync(info.dataId) as Float32Array;
    expect(Array.from(values.slice(0, 6))).toEqual(TORCH_5x4.slice(0, 6));
    expect(Array.from(values.slice(6))).not.toEqual(TORCH_5x4.slice(6));
    tf.backend().disposeData(info.dataId);
    tf.dispose([images, dy]);
  });

  it.each(['cpu', 'wasm'])(
    '%s: equals PyTorch for 2x3 -> 5x4 and 2x3 -> 4x6 (scale 2), and the hand reference',
    async (b) => {
      await tf.setBackend(b);
      await tf.ready();
      const x = tf.zeros([2, 2, 3, 1]) as tf.Tensor4D;
      expect(Array.from(gradOf([5, 4], x))).toEqual(TORCH_5x4);
      const x2 = gradOf([4, 6], x);
      expect(Array.from(x2)).toEqual(TORCH_X2);
      expect(Array.from(x2)).toEqual(
        handX2(
          Float32Array.from({ length: 48 }, (_, i) => i),
          2,
          2,
          3,
        ),
      );
      x.dispose();
    },
  );

  it('cpu: several channels and alignCorners agree with the wasm backend', async () => {
    const xv = Float32Array.from({ length: 3 * 3 * 2 * 4 }, (_, i) => Math.sin(i));
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xv, [3, 3, 2, 4]);
        const f = (v: tf.Tensor) => {
          const y = tf.image.resizeNearestNeighbor(v as tf.Tensor4D, [7, 5], true);
          return tf.sum(tf.mul(y, tf.reshape(tf.range(0, y.size), y.shape)));
        };
        return Float32Array.from(tf.grad(f)(x).dataSync());
      });
    await tf.setBackend('cpu');
    const cpu = run();
    await tf.setBackend('wasm');
    expect(Array.from(run())).toEqual(Array.from(cpu));
  });
});
