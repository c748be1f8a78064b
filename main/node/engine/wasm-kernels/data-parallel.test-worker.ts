// Worker for data-parallel.test.ts: one replica. Computes the gradients of a small conv net on
// its shard of a batch on its own wasm backend, averages them with the other replicas, and
// posts the averaged gradients (and a few optimizer steps' weights) back.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients
import { registerWasmTrainingKernels } from './index';
import { GradientExchange, type ExchangeBuffers } from '../exchange';
import { flatSize, flatten, shardOf, unflatten } from '../flat';

interface Job {
  buffers: ExchangeBuffers;
  rank: number;
  x: Float32Array;
  y: Int32Array;
  batch: number;
  w: Float32Array[];
  shapes: number[][];
  steps: number;
}

export function loss(params: tf.Tensor[], x: tf.Tensor4D, y: tf.Tensor1D): tf.Scalar {
  const [w1, b1, w2, b2] = params;
  const h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D, 2, 2, 'valid');
  const logits = tf.add(tf.matMul(tf.reshape(h, [x.shape[0], -1]), w2 as tf.Tensor2D), b2);
  return tf.losses.softmaxCrossEntropy(tf.oneHot(y, 4), logits) as tf.Scalar;
}

async function main(): Promise<void> {
  const job = workerData as Job;
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
  const ex = new GradientExchange(job.buffers, job.rank);
  const vars = job.w.map((v, i) => tf.variable(tf.tensor(v, job.shapes[i])));
  const [s, e] = shardOf(job.batch, job.rank, job.buffers.replicas);
  const per = job.x.length / job.batch;
  const flat = new Float32Array(flatSize(job.shapes));
  let first: Float32Array | null = null;
  for (let step = 0; step < job.steps; step++) {
    const x = tf.tensor4d(job.x.subarray(s * per, e * per), [e - s, 6, 6, 2]);
    const y = tf.tensor1d(job.y.subarray(s, e), 'int32');
    const { grads } = tf.variableGrads(() => loss(vars, x, y), vars);
    const mean = ex.allReduceMean(
      flatten(
        vars.map((v) => grads[v.name]),
        flat,
      ),
      e - s,
    );
    if (first === null) first = mean.slice();
    const avg = unflatten(mean, job.shapes, (v, shape) => tf.tensor(v, shape));
    vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(avg[i], 0.1))));
    tf.dispose([x, y, ...avg, ...Object.values(grads)]);
  }
  parentPort?.postMessage({ first, weights: vars.map((v) => v.dataSync().slice()) });
}

main().catch((e: unknown) => {
  parentPort?.postMessage({ error: String(e) });
});
