/**
 * The cost of one data-parallel gradient exchange of ResNet-18 (3x32x32 inputs, 10 classes:
 * 11.2 million parameters, 45 MB of gradients) on the wasm backend, per step and replica: the
 * gradients from the backend into the shared buffer, the reduction, and the mean gradients back
 * into tensors (figures go to docs/PERFORMANCE.md, "Data-parallel exchange and SyncBatchNorm"):
 *   npx tsx main/node/engine/exchange.bench.ts [--replicas 2] [--rounds 10] [--mode shared|copy]
 * `shared` is the engine's path (writeGradients, reduceMean, meanTensors); `copy` reads every
 * gradient with dataSync into a private vector and exchanges it with allReduceMean, as the engine
 * did before (it runs against older trees too, for a before/after figure).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { buildTemplate } from '../../../app/templates';
import { loadBackend } from './backend';
import { createExchange, GradientExchange, type ExchangeBuffers } from './exchange';
import * as parallel from './parallel';
import { startWorker } from './wasm-kernels/ts-worker';

interface Job {
  buffers: ExchangeBuffers;
  rank: number;
  rounds: number;
  mode: string;
  shapes: number[][];
}

async function replica(job: Job): Promise<number[]> {
  const b = await loadBackend('wasm');
  if (!b.ok) throw new Error(b.error);
  const tf = b.value.tf;
  const params = job.shapes.map((s) => tf.variable(tf.randomNormal(s)) as Variable);
  const ex = new GradientExchange(job.buffers, job.rank);
  const vec = new Float32Array(job.buffers.size);
  const times: number[] = [];
  for (let round = 0; round < job.rounds; round++) {
    const grads: Tensor[] = params.map((p) => tf.mul(p, 0.5)); // this step's "gradients"
    ex.barrier();
    const t = performance.now();
    let means: Tensor[];
    if (job.mode === 'shared') {
      parallel.writeGradients(tf, grads, params, ex.slot());
      means = parallel.meanTensors(tf, params, ex.reduceMean(32));
    } else {
      let o = 0;
      for (const g of grads) {
        vec.set(g.dataSync() as Float32Array, o);
        o += g.size;
      }
      const mean = ex.allReduceMean(vec, 32);
      o = 0;
      means = params.map((p) => {
        const v = tf.tensor(mean.slice(o, o + p.size), p.shape, 'float32');
        o += p.size;
        return v;
      });
    }
    times.push(performance.now() - t);
    tf.dispose([...grads, ...means]);
  }
  return times;
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

if (isMainThread) {
  const replicas = Number(flag('replicas', '2'));
  const rounds = Number(flag('rounds', '10'));
  const mode = flag('mode', 'shared');
  const b = await loadBackend('wasm');
  const g = buildTemplate('resnet18');
  if (!b.ok || !g.ok) throw new Error('setup');
  const graph = g.value;
  graph.nodes = graph.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { shape: [3, 32, 32] } } : n));
  graph.nodes = graph.nodes.map((n) => (n.type === 'Linear' ? { ...n, params: { ...n.params, out_features: 10 } } : n));
  const c = compileGraph(b.value.tf, graph);
  if (!c.ok) throw new Error(c.error);
  const shapes = c.value.model.trainableWeights.map((w) => w.shape as number[]);
  const size = shapes.reduce((t, s) => t + s.reduce((a, d) => a * d, 1), 0) + 2;
  const buffers = createExchange(size, replicas);
  const others = Array.from({ length: replicas - 1 }, (_, k) => {
    const w = startWorker(new URL(import.meta.url), {
      workerData: { buffers, rank: k + 1, rounds, mode, shapes } satisfies Job,
    });
    return new Promise<number[]>((resolve, reject) => {
      w.once('message', (m: number[] | { error: string }) => {
        void w.terminate();
        if (Array.isArray(m)) resolve(m);
        else reject(new Error(m.error));
      });
    });
  });
  const mine = await replica({ buffers, rank: 0, rounds, mode, shapes });
  await Promise.all(others);
  const sorted = mine.slice(1).sort((a, b) => a - b);
  console.log(
    `ResNet-18, ${(size - 2).toLocaleString('en-US')} parameters, ${replicas} replicas, mode ${mode}: ` +
      `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms per exchange ` +
      `(rounds after the first: ${mine
        .slice(1)
        .map((t) => t.toFixed(0))
        .join(', ')})`,
  );
} else {
  const job = workerData as Job;
  replica(job).then(
    (t) => parentPort?.postMessage(t),
    (e: unknown) => parentPort?.postMessage({ error: String(e) }),
  );
}
