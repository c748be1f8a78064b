// End to end: LeNet-5 as tfjs-layers builds it (fused conv + bias, ReLU, max pooling, dense)
// trained a few SGD-momentum steps on wasm with the project's kernels gives the cpu backend's
// losses, step by step.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { randomValues, ready, rng, tf } from './test-util';

function lenet5(): tfl.Sequential {
  const init = (seed: number) => ({
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    biasInitializer: tfl.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 50 }),
  });
  return tfl.sequential({
    layers: [
      tfl.layers.zeroPadding2d({ padding: 2, inputShape: [28, 28, 1] }),
      tfl.layers.conv2d({ filters: 6, kernelSize: 5, activation: 'relu', ...init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', ...init(2) }),
      tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 120, activation: 'relu', ...init(3) }),
      tfl.layers.dense({ units: 84, activation: 'relu', ...init(4) }),
      tfl.layers.dense({ units: 10, ...init(5) }),
    ],
  });
}

async function losses(backend: 'cpu' | 'wasm', steps: number, batch: number, counts: number[] = []): Promise<number[]> {
  await tf.setBackend(backend);
  const r = rng(42);
  const model = lenet5();
  const opt = tf.train.momentum(0.01, 0.9);
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    const xs = tf.tensor4d(
      randomValues(r, batch * 28 * 28).map((v) => (v + 1) / 2),
      [batch, 28, 28, 1],
    );
    const labels = Int32Array.from({ length: batch }, () => r.int(0, 9));
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
    const loss = opt.minimize(
      () => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar,
      true,
    );
    out.push(loss!.dataSync()[0]);
    tf.dispose([xs, ys, loss!]);
    counts.push(tf.memory().numTensors);
  }
  model.dispose();
  opt.dispose();
  return out;
}

describe('LeNet-5 training on wasm', () => {
  beforeAll(ready);

  it('four SGD-momentum steps of batch 8 give the cpu backend losses', async () => {
    const cpu = await losses('cpu', 4, 8);
    const wasm = await losses('wasm', 4, 8);
    expect(cpu[3]).not.toBe(cpu[0]);
    for (let i = 0; i < cpu.length; i++) {
      expect(Math.abs(wasm[i] - cpu[i]) / Math.abs(cpu[i]), `step ${i}: wasm ${wasm[i]} cpu ${cpu[i]}`).toBeLessThan(
        1e-4,
      );
    }
  });

  it('keeps the tensor count constant from step to step', async () => {
    const counts: number[] = [];
    await losses('wasm', 5, 8, counts);
    expect(new Set(counts.slice(1)).size, `tensor counts ${counts.join(', ')}`).toBe(1);
  });
});
