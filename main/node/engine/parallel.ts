/**
 * Data-parallel training across worker threads (each its own tfjs/wasm instance, so two cores
 * are used): each batch is split into shards, helpers return their shard's gradients, the
 * coordinator averages them by shard size (the mean loss of the whole batch), sends the average
 * back, and every replica takes the same optimizer step at the same time (as
 * DistributedDataParallel does), so no weights travel per step. The first step, and every
 * `resyncEvery` steps, the helpers also get the coordinator's weights and optimizer state.
 * BatchNorm sees per-shard batch statistics, as DDP without SyncBatchNorm; the coordinator's
 * running stats are the ones kept.
 */
import { Worker } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import type { RawBatch } from '../../../app/training/batches';
import type { Optimizer } from '../../../app/training/optimizers';
import { applyGradients, computeGradients, type StepResult } from '../../../app/training/step';
import type { GradApply, GradRequest, GradWorkerInit, GradWorkerReply } from './parallel-protocol';

export interface Helper {
  request(m: Omit<GradRequest, 'type' | 'id'>): Promise<Extract<GradWorkerReply, { type: 'grads' }>>;
  /** The averaged gradients to apply (no reply: messages arrive in order, before the next request). */
  apply(m: Omit<GradApply, 'type'>): void;
  close(): Promise<void>;
}

function startHelper(init: GradWorkerInit): Promise<Result<Helper>> {
  const worker = new Worker(new URL('./grad-worker-boot.mjs', import.meta.url), { workerData: init });
  let next = 0;
  const pending = new Map<number, { resolve: (r: Extract<GradWorkerReply, { type: 'grads' }>) => void; reject: (e: Error) => void }>();
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  return new Promise((resolve) => {
    worker.on('message', (m: GradWorkerReply) => {
      if (m.type === 'ready') {
        resolve(ok({
          request(req) {
            const id = next++;
            return new Promise((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              worker.postMessage({ type: 'step', id, ...req } satisfies GradRequest);
            });
          },
          apply(m) {
            worker.postMessage({ type: 'apply', ...m } satisfies GradApply);
          },
          async close() {
            worker.postMessage({ type: 'close' });
            await worker.terminate();
          },
        }));
      } else if (m.type === 'error') {
        failAll(`data-parallel helper: ${m.message}`);
        resolve(err(`data-parallel helper could not start: ${m.message}`));
      } else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m);
      }
    });
    worker.on('error', (e) => {
      failAll(`data-parallel helper failed: ${e.message}`);
      resolve(err(`data-parallel helper failed: ${e.message.split('\n')[0]}`));
    });
    worker.on('exit', () => failAll('data-parallel helper exited'));
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

export function parallelStep(tf: Tf, compiled: CompiledModel, helpers: Helper[], s: GradWorkerInit['settings'], resyncEvery = 200) {
  return ({ params, opt }: { params: Variable[]; opt: Optimizer }) => {
    let steps = 0;
    const step = async (b: RawBatch): Promise<StepResult> => {
      const sizes = shardSizes(b.n, helpers.length + 1).filter((k) => k > 0);
      const size = b.shape.reduce((a, c) => a * c, 1);
      const resync = steps % resyncEvery === 0;
      steps += 1;
      const weights = resync ? compiled.model.weights.map((w) => (w.read().dataSync() as Float32Array).slice()) : undefined;
      const optimizerState = resync ? opt.getState() : undefined;
      const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, c) => a + c, 0));
      // Every helper takes part in every step (one with an empty shard still applies the average).
      const remote = helpers.map((h, i) => {
        const n = sizes[i + 1] ?? 0;
        const at = offsets[i + 1] ?? b.n;
        return h.request({ weights, optimizerState, x: b.x.slice(at * size, (at + n) * size), y: b.y.slice(at, at + n), n, shape: b.shape });
      });
      const x = tf.tensor(b.x.subarray(0, sizes[0] * size), [sizes[0], ...b.shape], 'float32');
      const y = tf.tensor1d(b.y.subarray(0, sizes[0]), 'int32');
      const local = computeGradients(tf, compiled.model, params, x, y, s);
      tf.dispose([x, y]);
      const parts = [{ loss: local.loss, correct: local.correct, grads: local.grads.map((g, i) => (g ? (g.dataSync() as Float32Array) : new Float32Array(params[i].size))) }];
      tf.dispose(local.grads.filter((g): g is Tensor => g !== null));
      parts.push(...(await Promise.all(remote)).slice(0, sizes.length - 1));
      const w = sizes.map((n) => n / b.n);
      const loss = parts.reduce((a, p, k) => a + w[k] * p.loss, 0);
      const correct = parts.reduce((a, p) => a + p.correct, 0);
      if (!Number.isFinite(loss)) {
        steps = 0; // the helpers did not step: resynchronise them next time
        return { loss, correct, finite: false };
      }
      const sums = params.map((p, i) => {
        const sum = new Float32Array(p.size);
        parts.forEach((part, k) => {
          const g = part.grads[i];
          for (let j = 0; j < sum.length; j++) sum[j] += w[k] * g[j];
        });
        return sum;
      });
      for (const h of helpers) h.apply({ grads: sums, lr: opt.lr });
      applyGradients(tf, opt, sums.map((sum, i) => tf.tensor(sum, params[i].shape)), s);
      return { loss, correct, finite: true };
    };
    return step;
  };
}
