/**
 * Data-parallel training across worker threads (each its own tfjs/wasm instance, so several
 * cores are used): each batch is split into shards, one per replica (the coordinator, rank 0,
 * and its helpers). Every replica computes its shard's gradients; all of them meet at a shared-
 * memory exchange (exchange.ts) that gives each the same mean weighted by shard size (the mean
 * loss of the whole batch), and each takes the same optimizer step at the same time, as
 * DistributedDataParallel replicas do. No weights travel per step, and no reply either: the
 * coordinator only sends each helper its shard. The first step, and every `resyncEvery` steps,
 * the helpers also get the coordinator's weights and optimizer state. BatchNorm layers exchange
 * their batch statistics through the same shared memory during the forward and backward passes
 * (SyncBatchNorm, app/compiler/tfjs/custom/batchnorm-sync.ts), so every replica normalizes with the
 * whole batch's statistics and updates the same running statistics: the step is one worker's.
 */
import { Worker } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { LayersModel, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import type { RawBatch } from '../../../app/training/batches';
import type { Optimizer } from '../../../app/training/optimizers';
import { applyGradients, computeGradients, type StepResult } from '../../../app/training/step';
import { setBatchNormSync } from '../../../app/compiler/tfjs/custom/batchnorm-sync';
import { ExchangeFailed, GradientExchange, type ExchangeBuffers } from './exchange';
import { asWasm, f32 } from './wasm-kernels/heap';
import { EXCHANGE_TIMEOUT_MS, type GradRequest, type GradWorkerInit, type GradWorkerReply } from './parallel-protocol';

export interface Helper {
  /** Sends the helper its shard of the next step (messages arrive in order). */
  request(m: Omit<GradRequest, 'type'>): void;
  close(): Promise<void>;
}

function startHelper(init: GradWorkerInit): Promise<Result<Helper>> {
  const worker = new Worker(new URL('./grad-worker-boot.mjs', import.meta.url), { workerData: init });
  return new Promise((resolve) => {
    worker.on('message', (m: GradWorkerReply) => {
      if (m.type === 'ready') {
        resolve(
          ok({
            request(req) {
              worker.postMessage({ type: 'step', ...req } satisfies GradRequest);
            },
            async close() {
              worker.postMessage({ type: 'close' });
              await worker.terminate();
            },
          }),
        );
      } else {
        // After start, a helper's failures reach the coordinator through the exchange.
        resolve(err(`data-parallel helper could not start: ${m.message}`));
      }
    });
    worker.on('error', (e) => resolve(err(`data-parallel helper failed: ${e.message.split('\n')[0]}`)));
  });
}

/** Start `count` helpers (all or none). */
export async function startHelpers(count: number, init: GradWorkerInit[]): Promise<Result<Helper[]>> {
  const started = await Promise.all(Array.from({ length: count }, (_, i) => startHelper(init[i])));
  const bad = started.find((r) => !r.ok);
  const good = started.flatMap((r) => (r.ok ? [r.value] : []));
  if (bad && !bad.ok) {
    await Promise.all(good.map((h) => h.close()));
    return err(bad.error);
  }
  return ok(good);
}

/** Split n samples into k contiguous shards (sizes differ by at most one). */
export function shardSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

export interface ReplicaShard {
  x: Float32Array;
  y: Int32Array;
  n: number;
  shape: number[];
}

/** Copies a float32 tensor's values into `into` at `offset`: on wasm straight from its heap (one copy). */
function copyInto(tf: Tf, t: Tensor, into: Float32Array, offset: number): void {
  if (tf.getBackend() === 'wasm') into.set(f32(asWasm(tf.backend()), t), offset);
  else into.set(t.dataSync() as Float32Array, offset);
}

/** Writes the gradients, in parameter order, into the exchange's slot (zeros for a parameter without one). */
export function writeGradients(tf: Tf, grads: (Tensor | null)[], params: Variable[], slot: Float32Array): void {
  let o = 0;
  grads.forEach((t, i) => {
    if (t) copyInto(tf, t, slot, o);
    else slot.fill(0, o, o + params[i].size);
    o += params[i].size;
  });
}

/**
 * The parameters' mean gradients as tensors, from the shared result: wasm copies the values into
 * its heap; other backends may keep the array itself, so they get a copy.
 */
export function meanTensors(tf: Tf, params: Variable[], mean: Float32Array): Tensor[] {
  const wasm = tf.getBackend() === 'wasm';
  let o = 0;
  return params.map((p) => {
    const v = mean.subarray(o, o + p.size);
    o += p.size;
    return tf.tensor(wasm ? v : v.slice(), p.shape, 'float32');
  });
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/**
 * The first half of a replica's step, the same code in the coordinator and the helpers: the
 * shard's forward and backward pass (BatchNorm synchronized with the other replicas), its
 * gradients, loss and accuracy written into this replica's slot of the shared buffer, and the
 * batch's weighted means out of it (a view of shared memory: use it before the next exchange).
 * A replica with an empty shard still runs the network on a placeholder sample when it has
 * BatchNorm layers, because the others meet it at every layer; its values count nowhere.
 * Any replica whose own part fails ends the exchange for all, with its message.
 */
export function exchangeGradients(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  ex: GradientExchange,
  s: GradWorkerInit['settings'],
  shard: ReplicaShard,
  who: string,
): Float32Array {
  const slot = ex.slot();
  const total = slot.length - 2;
  try {
    const syncBn = setBatchNormSync(model, null) > 0;
    if (shard.n > 0 || syncBn) {
      const n = Math.max(1, shard.n);
      const x = shard.n > 0 ? tf.tensor(shard.x, [n, ...shard.shape], 'float32') : tf.zeros([1, ...shard.shape]);
      const y = shard.n > 0 ? tf.tensor1d(shard.y, 'int32') : tf.zeros([1], 'int32');
      if (syncBn) setBatchNormSync(model, { samples: shard.n, allGather: (v) => ex.allGather(v, EXCHANGE_TIMEOUT_MS) });
      let g;
      try {
        g = computeGradients(tf, model, params, x, y, s);
      } finally {
        setBatchNormSync(model, null);
        tf.dispose([x, y]);
      }
      writeGradients(tf, g.grads, params, slot);
      tf.dispose(g.grads.filter((t): t is Tensor => t !== null));
      slot[total] = g.loss;
      slot[total + 1] = g.correct / n;
    }
  } catch (e) {
    if (e instanceof ExchangeFailed) throw e;
    const message = `${who}: ${firstLine(e)}`;
    ex.fail(message);
    throw new Error(message);
  }
  return ex.reduceMean(shard.n, EXCHANGE_TIMEOUT_MS);
}

/** The second half: when the batch's loss is finite, the optimizer step with the mean gradients (opt.lr must be this step's). */
export function applyMean(
  tf: Tf,
  params: Variable[],
  opt: Optimizer,
  ex: GradientExchange,
  mean: Float32Array,
  s: GradWorkerInit['settings'],
  who: string,
): StepResult {
  const total = mean.length - 2;
  const loss = mean[total];
  const correct = mean[total + 1];
  if (!Number.isFinite(loss)) return { loss, correct, finite: false };
  try {
    applyGradients(tf, opt, meanTensors(tf, params, mean), s);
  } catch (e) {
    const message = `${who}: applying the averaged gradients failed: ${firstLine(e)}`;
    ex.fail(message);
    throw new Error(message);
  }
  return { loss, correct, finite: true };
}

/** One replica's whole data-parallel step: exchangeGradients, then applyMean. */
export function replicaStep(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  opt: Optimizer,
  ex: GradientExchange,
  s: GradWorkerInit['settings'],
  shard: ReplicaShard,
  who: string,
): StepResult {
  const mean = exchangeGradients(tf, model, params, ex, s, shard, who);
  return applyMean(tf, params, opt, ex, mean, s, who);
}

export function parallelStep(
  tf: Tf,
  compiled: CompiledModel,
  helpers: Helper[],
  s: GradWorkerInit['settings'],
  exchange: ExchangeBuffers,
  resyncEvery = 200,
) {
  return ({ params, opt }: { params: Variable[]; opt: Optimizer }) => {
    const ex = new GradientExchange(exchange, 0);
    let steps = 0;
    const step = async (b: RawBatch): Promise<StepResult> => {
      const sizes = shardSizes(b.n, helpers.length + 1);
      const size = b.shape.reduce((a, c) => a * c, 1);
      const resync = steps % resyncEvery === 0;
      steps += 1;
      const weights = resync
        ? compiled.model.weights.map((w) => (w.read().dataSync() as Float32Array).slice())
        : undefined;
      const optimizerState = resync ? opt.getState() : undefined;
      // Every helper takes part in every step (one with an empty shard still applies the mean).
      let at = sizes[0];
      helpers.forEach((h, i) => {
        const n = sizes[i + 1];
        h.request({
          weights,
          optimizerState,
          x: b.x.slice(at * size, (at + n) * size),
          y: b.y.slice(at, at + n),
          n,
          shape: b.shape,
          lr: opt.lr,
        });
        at += n;
      });
      try {
        const r = replicaStep(
          tf,
          compiled.model,
          params,
          opt,
          ex,
          s,
          { x: b.x.subarray(0, sizes[0] * size), y: b.y.subarray(0, sizes[0]), n: sizes[0], shape: b.shape },
          'data-parallel coordinator',
        );
        if (!r.finite) steps = 0; // resynchronise the helpers next time, to be safe
        return { ...r, correct: Math.round(r.correct * b.n) };
      } catch (e) {
        if (e instanceof ExchangeFailed) throw new Error(`data-parallel training stopped: ${e.message}`);
        throw e;
      }
    };
    return step;
  };
}
