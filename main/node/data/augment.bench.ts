/**
 * Augmentation cost against training (docs/PERFORMANCE.md, "Datasets"):
 *   npx tsx main/node/data/augment.bench.ts
 * 1. images/s of augmentation alone over Fashion-MNIST (28x28) for a few recipes;
 * 2. images/s of LeNet-5 training (forward + backward + SGD step, batch 64) on the tfjs wasm
 *    backend, measured on a slice, so the share of an epoch spent augmenting is
 *    (1 / augment rate) / (1 / train rate).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { augmentBatch } from '../../../app/data/augment';
import { parseAugment } from '../../../app/data/augment-spec';
import { makeRng } from '../../../app/data/rng';
import { registerWasmTrainingKernels } from '../engine/wasm-kernels/index';
import { loadSource } from './index';
import { readSamples } from '../../../app/data/samples';

const src = await loadSource({ name: 'fashion-mnist' });
if (!src.ok) throw new Error(src.error);
const { train } = src.value;
const N = 20000;
const x = readSamples(train, 0, N);

const rates: Record<string, number> = {};
for (const recipe of ['flip,crop=4', 'flip,rotate=15', 'flip,rotate=15,scale=0.9-1.1,crop=2,noise=0.05']) {
  const spec = parseAugment(recipe);
  if (!spec.ok) throw new Error(spec.error);
  augmentBatch(x.subarray(0, 1000 * 784), 1000, [1, 28, 28], spec.value, makeRng(0));
  const t = performance.now();
  augmentBatch(x, N, [1, 28, 28], spec.value, makeRng(1));
  const s = (performance.now() - t) / 1000;
  rates[recipe] = N / s;
  console.log(`augment '${recipe}': ${Math.round(N / s)} images/s (60,000 in ${(60000 / (N / s)).toFixed(2)} s)`);
}

registerWasmTrainingKernels(tf);
await tf.setBackend('wasm');
await tf.ready();
const model = tfl.sequential({
  layers: [
    tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }),
    tfl.layers.maxPooling2d({ poolSize: 2 }),
    tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
    tfl.layers.maxPooling2d({ poolSize: 2 }),
    tfl.layers.flatten(),
    tfl.layers.dense({ units: 120, activation: 'relu' }),
    tfl.layers.dense({ units: 84, activation: 'relu' }),
    tfl.layers.dense({ units: 10 }),
  ],
});
model.compile({
  optimizer: tf.train.sgd(0.01),
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, p),
});
const M = 3200;
const xs = tf.tensor4d(readSamples(train, 0, M), [M, 28, 28, 1]);
const ys = tf.oneHot(tf.tensor1d(train.y.subarray(0, M), 'int32'), 10);
await model.fit(tf.slice(xs, 0, 320), tf.slice(ys, 0, 320), { batchSize: 64, epochs: 1, verbose: 0 });
const t = performance.now();
await model.fit(xs, ys, { batchSize: 64, epochs: 1, verbose: 0 });
const trainRate = M / ((performance.now() - t) / 1000);
console.log(
  `LeNet-5 training on wasm (batch 64): ${Math.round(trainRate)} images/s (an epoch of 60,000 in ${(60000 / trainRate).toFixed(1)} s)`,
);
for (const [recipe, r] of Object.entries(rates)) {
  console.log(`  '${recipe}' costs ${((trainRate / r) * 100).toFixed(1)}% of an epoch`);
}
