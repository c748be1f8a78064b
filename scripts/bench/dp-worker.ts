// One data-parallel replica for the benchmark (worker thread): its own wasm backend with the
// project's kernels, LeNet-5 compiled by the engine's compiler with the shared seed (so all
// replicas start identical), the engine's loss and SGD; per step it computes the gradient of its
// shard of the global batch, averages through the GradientExchange, and steps the optimizer.
import { parentPort, workerData } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs';
import { buildLeNet5 } from '../../app/templates/lenet';
import { GradientExchange, type ExchangeBuffers } from '../../main/node/engine/exchange';
import { flatSize, flatten, shardOf, unflatten } from '../../main/node/engine/flat';
import { makeGradStep } from './engine-step';
import { accuracy, shuffled, tf, useBackend } from './tfjs-train';

export interface ReplicaJob {
  buffers: ExchangeBuffers;
  rank: number;
  epochs: number;
  batch: number;
  seed: number;
  train: { x: Float32Array; y: Int32Array; n: number; shape: number[] };
  test: { x: Float32Array; y: Int32Array; n: number; shape: number[] } | null;
}

async function main(): Promise<void> {
  const job = workerData as ReplicaJob;
  await useBackend('wasm');
  const compiled = compileGraph(tf, buildLeNet5(), { seed: job.seed });
  if (!compiled.ok) throw new Error(compiled.error);
  const model = compiled.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const shapes = params.map((p) => p.shape);
  const gs = await makeGradStep(tf, model, params, 0.01, 0.9);
  const ex = new GradientExchange(job.buffers, job.rank);
  const { x: X, y: Y, n, shape } = job.train;
  const per = X.length / n;
  const [s0, s1] = shardOf(job.batch, job.rank, job.buffers.replicas);
  const xb = new Float32Array((s1 - s0) * per),
    yb = new Int32Array(s1 - s0);
  const flat = new Float32Array(flatSize(shapes) + 1);
  const epochLoss: number[] = [],
    tensors: number[] = [];
  let seconds = 0,
    images = 0;
  for (let e = 0; e < job.epochs; e++) {
    ex.barrier();
    const t0 = performance.now();
    const order = shuffled(n, job.seed * 1000 + e + 1);
    const batches = Math.floor(n / job.batch);
    let lossSum = 0;
    for (let k = 0; k < batches; k++) {
      for (let i = s0; i < s1; i++) {
        const s = order[k * job.batch + i];
        xb.set(X.subarray(s * per, (s + 1) * per), (i - s0) * per);
        yb[i - s0] = Y[s];
      }
      const x = tf.tensor(xb, [s1 - s0, ...shape]),
        y = tf.tensor1d(yb, 'int32');
      const { loss, grads } = gs.grads(x, y);
      flatten(grads, flat);
      flat[flat.length - 1] = loss;
      const mean = ex.allReduceMean(flat, s1 - s0);
      lossSum += mean[mean.length - 1];
      const avg = unflatten(mean.subarray(0, mean.length - 1), shapes, (v, sh) => tf.tensor(v, sh));
      gs.apply(avg);
      tf.dispose([x, y, ...grads, ...avg]);
    }
    seconds += (performance.now() - t0) / 1000;
    images += batches * job.batch;
    epochLoss.push(lossSum / batches);
    tensors.push(tf.memory().numTensors);
  }
  const testAcc = job.test && job.rank === 0 ? accuracy(model, job.test) : null;
  parentPort?.postMessage({ seconds, images, epochLoss, tensors, testAcc, loop: gs.loop });
}

main().catch((e: unknown) =>
  parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
