/**
 * The cost of one data-parallel gradient exchange of ResNet-18 (3x32x32 inputs, 10 classes:
 * 11.2 million parameters, 45 MB of gradients) on the wasm backend, per step and replica: the
 * gradients from the backend into the shared buffer, the reduction, and the mean gradients back
 * into tensors, then SGD's step with momentum (figures go to docs/PERFORMANCE.md, "Data-parallel
 * exchange and SyncBatchNorm" and "The sharded optimizer step"):
 *   npx tsx main/node/engine/exchange.bench.ts [--replicas 2] [--rounds 10] [--mode sharded|shared|copy|barrier] [--reduce wasm|js]
 * `sharded` is the engine's path for SGD, Adam and AdamW (writeGradients, updateShared with the
 * SGD kernel on the claimed blocks, the new parameters into tensors); `shared` is its path for the
 * other optimizers (writeGradients, reduceMean, meanTensors, the optimizer's step; the median of
 * each is printed too); `--reduce js` keeps the JavaScript reduction instead of the WebAssembly one; `copy` reads every
 * gradient with dataSync into a private vector and exchanges it with allReduceMean, as the engine
 * did before (it runs against older trees too, for a before/after figure). `barrier` measures what
 * a meeting of the replicas costs beyond the wait itself (SyncBatchNorm meets at every BatchNorm
 * layer): each replica computes for a while, one of them 10% longer than the other in turn, then
 * they meet, 2,000 times; printed per meeting, polling before sleeping and sleeping at once.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { buildTemplate } from '../../../app/templates';
import { loadBackend } from './backend';
import { BARRIER_SPIN_MS, createExchange, GradientExchange, type ExchangeBuffers } from './exchange';
import * as parallel from './parallel';
import { createOptimizer, optimizerHyper } from '../../../app/training/optimizers';
import { parseTrainingSettings } from '../../../app/training/settings';
import { startWorker } from './wasm-kernels/ts-worker';

const parsed = parseTrainingSettings({ optimizer: 'sgd', lr: 0.01, momentum: 0.9 });
if (!parsed.ok) throw new Error(parsed.error);
const sgd = parsed.value;

interface Job {
  buffers: ExchangeBuffers;
  rank: number;
  rounds: number;
  mode: string;
  shapes: number[][];
}

type Times = { total: number; write: number; reduce: number; tensors: number; step: number };

/** Busy work for about `us` microseconds. */
function compute(us: number): number {
  const end = performance.now() + us / 1000;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

/** --mode barrier: per meeting, the time beyond the slower replica's work, polling `spinMs` (0: sleeping at once). */
function meetings(ex: GradientExchange, rank: number, work: number, spinMs: number): number {
  const count = 2000;
  ex.spinMs = spinMs;
  ex.barrier();
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    compute(work * (i % 2 === rank ? 1.1 : 0.9));
    ex.barrier();
  }
  return ((performance.now() - t) * 1000) / count - work * 1.1;
}

async function replica(job: Job): Promise<Times[]> {
  if (job.mode === 'barrier') {
    const ex = new GradientExchange(job.buffers, job.rank);
    return [0, 100, 300, 1000].flatMap((work) =>
      [0, BARRIER_SPIN_MS].map((spin) => ({
        total: meetings(ex, job.rank, work, spin),
        write: work,
        reduce: spin,
        tensors: 0,
        step: 0,
      })),
    );
  }
  const b = await loadBackend('wasm');
  if (!b.ok) throw new Error(b.error);
  const tf = b.value.tf;
  const params = job.shapes.map((s) => tf.variable(tf.randomNormal(s)) as Variable);
  const ex = new GradientExchange(job.buffers, job.rank);
  const opt = createOptimizer(tf, params, optimizerHyper(sgd));
  const master = ex.sharedParams();
  if (job.mode === 'sharded') {
    if (!master) throw new Error('the exchange has no room for the sharded update');
    if (job.rank === 0) parallel.writeGradients(tf, params, params, master); // the master copy
  }
  const vec = new Float32Array(job.buffers.size);
  const times: Times[] = [];
  for (let round = 0; round < job.rounds; round++) {
    const grads: Tensor[] = params.map((p) => tf.mul(p, 0.5)); // this step's "gradients"
    ex.barrier();
    const t = performance.now();
    let means: Tensor[];
    let phases = { write: 0, reduce: 0, tensors: 0, step: 0 };
    if (job.mode === 'sharded' && master) {
      parallel.writeGradients(tf, grads, params, ex.slot());
      const t1 = performance.now();
      const h = { lr: sgd.lr, wd: 0, momentum: sgd.momentum, dampening: 0, nesterov: false };
      ex.updateShared(
        32,
        job.buffers.size - 2,
        () => true,
        (a, z) => ex.sgdBlock(a, z, h, round === 0),
      );
      const t2 = performance.now();
      parallel.takeShared(tf, params, master);
      means = [];
      phases = { write: t1 - t, reduce: t2 - t1, tensors: performance.now() - t2, step: 0 };
    } else if (job.mode === 'shared') {
      parallel.writeGradients(tf, grads, params, ex.slot());
      const t1 = performance.now();
      const mean = ex.reduceMean(32);
      const t2 = performance.now();
      means = parallel.meanTensors(tf, params, mean);
      const t3 = performance.now();
      opt.step(means);
      phases = { write: t1 - t, reduce: t2 - t1, tensors: t3 - t2, step: performance.now() - t3 };
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
    times.push({ total: performance.now() - t, ...phases });
    tf.dispose([...grads, ...means]);
  }
  opt.dispose();
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
  const buffers = createExchange(size, replicas, 0, flag('reduce', 'wasm') !== 'js', mode === 'sharded' ? 1 : null);
  const others = Array.from({ length: replicas - 1 }, (_, k) => {
    const w = startWorker(new URL(import.meta.url), {
      workerData: { buffers, rank: k + 1, rounds, mode, shapes } satisfies Job,
    });
    return new Promise<Times[]>((resolve, reject) => {
      w.once('message', (m: Times[] | { error: string }) => {
        void w.terminate();
        if (Array.isArray(m)) resolve(m);
        else reject(new Error(m.error));
      });
    });
  });
  const mine = await replica({ buffers, rank: 0, rounds, mode, shapes });
  await Promise.all(others);
  if (mode === 'barrier') {
    console.log(`${replicas} replicas meeting 2,000 times, the cost of a meeting beyond the slower replica's work:`);
    for (const m of mine)
      console.log(
        `  work ${m.write} us (one replica 10% longer): ${m.total.toFixed(1)} us, ${m.reduce > 0 ? `polling ${m.reduce * 1000} us before sleeping` : 'sleeping at once'}`,
      );
    process.exit(0);
  }
  const median = (k: keyof Times) => {
    const v = mine
      .slice(1)
      .map((t) => t[k])
      .sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)].toFixed(1);
  };
  console.log(
    `ResNet-18, ${(size - 2).toLocaleString('en-US')} parameters, ${replicas} replicas, mode ${mode}` +
      `${mode === 'shared' ? `, reduction in ${flag('reduce', 'wasm')}` : ''}: ` +
      `median ${median('total')} ms per exchange` +
      (mode === 'shared'
        ? ` (write ${median('write')}, barriers and reduction ${median('reduce')}, into tensors ${median('tensors')}, SGD step ${median('step')})`
        : mode === 'sharded'
          ? ` (write ${median('write')}, barriers, reduction and SGD step of the claimed blocks ${median('reduce')}, new parameters into tensors ${median('tensors')})`
          : '') +
      ` (rounds after the first: ${mine
        .slice(1)
        .map((t) => t.total.toFixed(0))
        .join(', ')})`,
  );
} else {
  const job = workerData as Job;
  replica(job).then(
    (t) => parentPort?.postMessage(t),
    (e: unknown) => parentPort?.postMessage({ error: String(e) }),
  );
}
