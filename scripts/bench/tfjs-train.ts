// Trains the project's LeNet-5 template, compiled by the engine's compiler (app/compiler/tfjs),
// on one tfjs backend: batches of 64 assembled straight from the dataset's typed arrays,
// honest wall clock over whole epochs (batch assembly, step, loss read-back), test accuracy.
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs';
import type { Tf } from '../../app/compiler/tfjs/tf';
import type { Dataset } from '../../app/data/types';
import { makeRng, permutation } from '../../app/data/rng';
import { buildLeNet5 } from '../../app/templates/lenet';
import { registerWasmTrainingKernels } from '../../main/node/engine/wasm-kernels/index';
import { makeStepper } from './engine-step';
import { readSample, readSamples, sampleSize } from '../../app/data/samples';

export const tf = { ...tfc, ...tfl } as unknown as Tf;

export interface TfjsResult {
  backend: string;
  loop: string;
  images: number;
  seconds: number;
  imgPerS: number;
  cpuSeconds: number;
  testAcc: number | null;
  epochLoss: number[];
  tensorsAfterEpoch: number[];
}

export interface TfjsOptions {
  epochs: number;
  maxBatches?: number;
  batch?: number;
  seed?: number;
  lr?: number;
  momentum?: number;
}

/** The epoch's sample order: the data engineer's seeded permutation (app/data/rng). */
export function shuffled(n: number, seed: number): Int32Array {
  return permutation(n, makeRng(seed));
}

export function accuracy(model: tfl.LayersModel, test: Pick<Dataset, 'x' | 'y' | 'n' | 'shape' | 'norm'>): number {
  let correct = 0;
  for (let i = 0; i < test.n; i += 1000) {
    const b = Math.min(1000, test.n - i);
    correct += tf.tidy(() => {
      const x = tf.tensor(readSamples(test, i, b), [b, ...test.shape]);
      const pred = tf.argMax(model.apply(x, { training: false }) as tfc.Tensor, 1).dataSync();
      let c = 0;
      for (let k = 0; k < b; k++) if (pred[k] === test.y[i + k]) c++;
      return c;
    });
  }
  return correct / test.n;
}

export async function useBackend(name: string): Promise<void> {
  if (name === 'wasm') registerWasmTrainingKernels(tfc);
  if (!(await tfc.setBackend(name))) throw new Error(`backend ${name} did not load`);
  await tfc.ready();
}

export async function trainTfjs(
  backend: string,
  train: Dataset,
  test: Dataset | null,
  o: TfjsOptions,
): Promise<TfjsResult> {
  await useBackend(backend);
  const batch = o.batch ?? 64;
  const compiled = compileGraph(tf, buildLeNet5(), { seed: o.seed ?? 0 });
  if (!compiled.ok) throw new Error(`compile LeNet-5: ${compiled.error}`);
  const model = compiled.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const stepper = await makeStepper(tf, model, params, o.lr ?? 0.01, o.momentum ?? 0.9);
  const per = sampleSize(train);
  const xb = new Float32Array(batch * per),
    yb = new Int32Array(batch);
  const result: TfjsResult = {
    backend,
    loop: stepper.loop,
    images: 0,
    seconds: 0,
    imgPerS: 0,
    cpuSeconds: 0,
    testAcc: null,
    epochLoss: [],
    tensorsAfterEpoch: [],
  };
  for (let e = 0; e < o.epochs; e++) {
    const order = shuffled(train.n, (o.seed ?? 0) * 1000 + e + 1);
    const batches = Math.min(Math.floor(train.n / batch), o.maxBatches ?? Infinity);
    let lossSum = 0;
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    for (let k = 0; k < batches; k++) {
      for (let i = 0; i < batch; i++) {
        const s = order[k * batch + i];
        readSample(train, s, xb, i * per);
        yb[i] = train.y[s];
      }
      const x = tf.tensor(xb, [batch, ...train.shape]),
        y = tf.tensor1d(yb, 'int32');
      lossSum += stepper.step(x, y);
      tf.dispose([x, y]);
    }
    result.seconds += (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    result.cpuSeconds += (c.user + c.system) / 1e6;
    result.images += batches * batch;
    result.epochLoss.push(lossSum / batches);
    result.tensorsAfterEpoch.push(tf.memory().numTensors);
  }
  result.imgPerS = result.images / result.seconds;
  if (test) result.testAcc = accuracy(model, test);
  stepper.dispose();
  model.dispose();
  return result;
}
