/**
 * Data-parallel training across worker threads (each its own tfjs/wasm instance, so several
 * cores are used): each batch is split into shards, one per replica (the coordinator, rank 0,
 * and its helpers). Every replica computes its shard's gradients; all of them meet at a shared-
 * memory exchange (exchange.ts) that gives each the same mean weighted by shard size (the mean
 * loss of the whole batch), and each takes the same optimizer step at the same time, as
 * DistributedDataParallel replicas do. No weights travel per step, and no reply either: the
 * coordinator only sends each helper its shard. The first step, and every `resyncEvery` steps,
 * the helpers also get the coordinator's weights and optimizer state. BatchNorm sees per-shard
 * batch statistics, as DDP without SyncBatchNorm; the coordinator's running stats are kept.
 */
import { Worker } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { LayersModel, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import type { RawBatch } from '../../../app/training/batches';
import type { Optimizer } from '../../../app/training/optimizers';
import { applyGradients, computeGradients, type StepResult } from '../../../app/training/step';
import { ExchangeFailed, GradientExchange, type ExchangeBuffers } from './exchange';
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

/**
 * One replica's part of a data-parallel step, the same code in the coordinator and the helpers:
 * the shard's gradients, loss and accuracy into the exchange, the batch's means out of it, and,
 * when the batch's loss is finite, the optimizer step (opt.lr must be this step's). Any replica
 * whose own part fails ends the exchange for all, with its message.
 */
export function replicaStep(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  opt: Optimizer,
  ex: GradientExchange,
  vec: Float32Array,
  s: GradWorkerInit['settings'],
  shard: ReplicaShard,
  who: string,
): StepResult {
  const total = vec.length - 2;
  try {
    vec.fill(0);
    if (shard.n > 0) {
      const x = tf.tensor(shard.x, [shard.n, ...shard.shape], 'float32');
      const y = tf.tensor1d(shard.y, 'int32');
      const g = computeGradients(tf, model, params, x, y, s);
      tf.dispose([x, y]);
      let o = 0;
      g.grads.forEach((t, i) => {
        if (t) vec.set(t.dataSync() as Float32Array, o);
        o += params[i].size;
      });
      tf.dispose(g.grads.filter((t): t is Tensor => t !== null));
      vec[total] = g.loss;
      vec[total + 1] = g.correct / shard.n;
    }
  } catch (e) {
    const message = `${who}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    ex.fail(message);
    throw new Error(message);
  }
  const mean = ex.allReduceMean(vec, shard.n, EXCHANGE_TIMEOUT_MS);
  const loss = mean[total];
  const correct = mean[total + 1];
  if (!Number.isFinite(loss)) return { loss, correct, finite: false };
  try {
    let o = 0;
    const grads = params.map((p) => {
      const t = tf.tensor(mean.slice(o, o + p.size), p.shape, 'float32');
      o += p.size;
      return t;
    });
    applyGradients(tf, opt, grads, s);
  } catch (e) {
    const message = `${who}: applying the averaged gradients failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    ex.fail(message);
    throw new Error(message);
  }
  return { loss, correct, finite: true };
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
    const vec = new Float32Array(exchange.size);
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
          vec,
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
