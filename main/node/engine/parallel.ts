/**
 * Data-parallel training across worker threads (each its own tfjs/wasm instance, so several
 * cores are used): each batch is split into shards, one per replica (the coordinator, rank 0,
 * and its helpers). Every replica computes its shard's gradients; all of them meet at a shared-
 * memory exchange (exchange.ts). With SGD, Adam and AdamW on wasm the optimizer's step is sharded
 * there (shardedReplicaStep: each block of the master parameters reduced and updated by one
 * replica, then every replica takes the new parameters); otherwise the exchange gives each replica
 * the same mean gradient weighted by shard size, and each takes the same optimizer step, as
 * DistributedDataParallel replicas do. No reply travels per step: the coordinator only sends each
 * helper its shard. At the first step the helpers also get the coordinator's weights (and, unsharded,
 * its optimizer state, again every `resyncEvery` steps). BatchNorm layers exchange
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
import { fusedStepAttrs, fusedUpdate, slotCount } from '../../../app/training/fused-step';
import type { Optimizer, OptimizerHyper } from '../../../app/training/optimizers';
import { effectiveWeightDecay } from '../../../app/training/settings';
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

/** Values copied per piece of work while a replica waits (256 KiB: a few tens of microseconds). */
const COPY_PIECE = 65536;

/**
 * Copies each gradient into the exchange's slot as soon as the backward pass has finished it,
 * a piece at a time while the replica waits for the others at BatchNorm's exchanges (the
 * exchange's whileWaiting), so the copy overlaps the waiting instead of following the pass;
 * `finish` copies whatever is left. wasm only (it reads the heap); elsewhere `finish` copies all.
 */
class GradientCopier {
  private readonly offsets: number[] = [];
  /** Values of each parameter's gradient already in the slot. */
  private readonly done: number[];
  private readonly queue: { i: number; t: Tensor }[] = [];

  constructor(
    private readonly tf: Tf,
    private readonly params: Variable[],
    private readonly slot: Float32Array,
  ) {
    let o = 0;
    for (const p of params) {
      this.offsets.push(o);
      o += p.size;
    }
    this.done = params.map(() => 0);
  }

  /** For computeGradients' onFinal: parameter i's gradient is complete (wasm only). */
  readonly ready = (i: number, t: Tensor): void => {
    if (this.tf.getBackend() === 'wasm') this.queue.push({ i, t });
  };

  /** One piece of the copy; whether more is queued. */
  readonly piece = (): boolean => {
    const head = this.queue[0];
    if (!head) return false;
    const { i, t } = head;
    const from = this.done[i];
    const to = Math.min(t.size, from + COPY_PIECE);
    // A fresh view each time: an allocation since the last piece may have moved the heap.
    this.slot.set(f32(asWasm(this.tf.backend()), t).subarray(from, to), this.offsets[i] + from);
    this.done[i] = to;
    if (to === t.size) this.queue.shift();
    return this.queue.length > 0;
  };

  /** Copies the rest of every gradient (zeros for a parameter without one). */
  finish(grads: (Tensor | null)[]): void {
    this.queue.length = 0;
    grads.forEach((t, i) => {
      const o = this.offsets[i];
      const size = this.params[i].size;
      if (!t) this.slot.fill(0, o, o + size);
      else if (this.done[i] === 0) copyInto(this.tf, t, this.slot, o);
      else if (this.done[i] < size)
        this.slot.set(f32(asWasm(this.tf.backend()), t).subarray(this.done[i]), o + this.done[i]);
    });
  }
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
  writeShard(tf, model, params, ex, s, shard, who);
  return ex.reduceMean(shard.n, EXCHANGE_TIMEOUT_MS);
}

/** exchangeGradients' first part: the shard's gradients, loss and accuracy into this replica's slot. */
function writeShard(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  ex: GradientExchange,
  s: GradWorkerInit['settings'],
  shard: ReplicaShard,
  who: string,
): void {
  const slot = ex.slot();
  const total = slot.length - 2;
  try {
    const syncBn = setBatchNormSync(model, null) > 0;
    if (shard.n > 0 || syncBn) {
      const n = Math.max(1, shard.n);
      const x = shard.n > 0 ? tf.tensor(shard.x, [n, ...shard.shape], 'float32') : tf.zeros([1, ...shard.shape]);
      const y = shard.n > 0 ? tf.tensor1d(shard.y, 'int32') : tf.zeros([1], 'int32');
      if (syncBn) setBatchNormSync(model, { samples: shard.n, allGather: (v) => ex.allGather(v, EXCHANGE_TIMEOUT_MS) });
      const copier = new GradientCopier(tf, params, slot);
      ex.whileWaiting(copier.piece);
      let g;
      try {
        g = computeGradients(tf, model, params, x, y, s, copier.ready);
      } finally {
        ex.whileWaiting(null);
        setBatchNormSync(model, null);
        tf.dispose([x, y]);
      }
      copier.finish(g.grads);
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

/** A step of the sharded update: the optimizer's step number (from 1) and whether its buffers exist yet. */
export interface ShardedStep {
  t: number;
  first: boolean;
}

/**
 * The optimizer buffers per parameter the exchange needs to run this optimizer's step sharded
 * (GradientExchange.updateShared), or null where it cannot: on wasm, for SGD, Adam and AdamW
 * (the rules of the engine's fused kernel), without clip_grad_norm (which needs the whole mean
 * gradient's norm before any update). The others exchange the mean gradient and let every
 * replica take the whole step.
 */
export function shardedSlots(h: OptimizerHyper, clip: number | null, backend: string): number | null {
  if (unshardedBecause(h, clip, backend) !== null) return null;
  return slotCount({ rule: h.optimizer as 'sgd' | 'adam' | 'adamw', momentum: h.momentum, amsgrad: h.amsgrad });
}

/** Why this optimizer's step cannot be sharded across data-parallel workers (for the log), or null where it can. */
export function unshardedBecause(h: OptimizerHyper, clip: number | null, backend: string): string | null {
  if (backend !== 'wasm') return `the sharded step runs on the wasm backend, not ${backend}`;
  if (clip !== null) return "clip_grad_norm needs the whole gradient's norm before any update";
  if (h.optimizer !== 'sgd' && h.optimizer !== 'adam' && h.optimizer !== 'adamw')
    return `${h.optimizer === 'rmsprop' ? 'RMSprop' : h.optimizer} is not sharded (SGD, Adam and AdamW are)`;
  return null;
}

/** One block [start, end) of the sharded update: SGD in WebAssembly, Adam and AdamW with the fused kernel's loop. */
function updateBlock(
  ex: GradientExchange,
  h: OptimizerHyper,
  lr: number,
  step: ShardedStep,
  start: number,
  end: number,
) {
  const wd = effectiveWeightDecay(h);
  if (h.optimizer === 'sgd') {
    ex.sgdBlock(start, end, { lr, wd, momentum: h.momentum, dampening: h.dampening, nesterov: h.nesterov }, step.first);
    return;
  }
  const master = ex.sharedParams() as Float32Array;
  const p = master.subarray(start, end);
  const state = ex.sharedState().map((v) => v.subarray(start, end));
  const attrs = fusedStepAttrs(h, lr, wd, step.t);
  // Each element is read before it is written, so the update can run in place.
  fusedUpdate(attrs, p, ex.meanBlock(start, end), step.first ? [null, null, null] : state, [p, ...state]);
}

/** The parameters take the master values of the sharded update (wasm copies them into its heap; fresh storage, as the fused kernel gives). */
export function takeShared(tf: Tf, params: Variable[], master: Float32Array): void {
  let o = 0;
  for (const p of params) {
    const t = tf.tensor(master.subarray(o, o + p.size), p.shape, 'float32');
    p.assign(t);
    t.dispose();
    o += p.size;
  }
}

/**
 * One replica's whole step with the sharded update (in place of replicaStep): the shard's
 * gradients into the slot, then, when the batch's loss is finite, every replica updates the
 * blocks of the master parameters it claims (updateShared), and all take the new parameters.
 */
export function shardedReplicaStep(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  h: OptimizerHyper,
  lr: number,
  step: ShardedStep,
  ex: GradientExchange,
  s: GradWorkerInit['settings'],
  shard: ReplicaShard,
  who: string,
): StepResult {
  writeShard(tf, model, params, ex, s, shard, who);
  const total = ex.slot().length - 2;
  let finite = false;
  let failed: string | null = null;
  const metrics = ex.updateShared(
    shard.n,
    total,
    (m) => (finite = Number.isFinite(m[0])),
    (start, end) => {
      if (failed !== null) return;
      try {
        updateBlock(ex, h, lr, step, start, end);
      } catch (e) {
        failed = `${who}: the sharded optimizer step failed: ${firstLine(e)}`;
        ex.fail(failed);
      }
    },
    EXCHANGE_TIMEOUT_MS,
  );
  if (failed !== null) throw new Error(failed);
  if (finite) {
    try {
      takeShared(tf, params, ex.sharedParams() as Float32Array);
    } catch (e) {
      const message = `${who}: taking the updated parameters failed: ${firstLine(e)}`;
      ex.fail(message);
      throw new Error(message);
    }
  }
  return { loss: metrics[0], correct: metrics[1], finite };
}

/**
 * The coordinator's start of the sharded update: the master parameters from its variables and
 * the optimizer's buffers from its state, which the optimizer then hands to the exchange
 * (delegate). Null, and nothing changed, where the state cannot be carried over (buffers for
 * some parameters and not others, as a resumed run whose unused parameters never had a gradient).
 */
function startSharded(tf: Tf, params: Variable[], opt: Optimizer, ex: GradientExchange): ShardedStep | null {
  const master = ex.sharedParams();
  if (!master) return null;
  const state = opt.getState();
  const kept = ex.sharedState();
  const present = kept.map((_, k) => state.slots[k]?.filter((v) => v !== null).length ?? 0);
  const none = present.every((c) => c === 0);
  if (!none && !present.every((c) => c === params.length)) return null;
  let o = 0;
  params.forEach((p, i) => {
    copyInto(tf, p, master, o);
    kept.forEach((buf, k) => {
      if (!none) buf.set(state.slots[k][i] as Float32Array, o);
    });
    o += p.size;
  });
  const step: ShardedStep = { t: state.step, first: none };
  opt.delegate({
    state: () => {
      let at = 0;
      const views = params.map((p) => {
        const v = [at, at + p.size];
        at += p.size;
        return v;
      });
      return {
        step: step.t,
        slots: [0, 1, 2].map((k) =>
          views.map(([a, b]) => (k < kept.length && !step.first ? kept[k].subarray(a, b) : null)),
        ),
      };
    },
  });
  return step;
}

export function parallelStep(
  tf: Tf,
  compiled: CompiledModel,
  helpers: Helper[],
  s: GradWorkerInit['settings'],
  exchange: ExchangeBuffers,
  hyper: OptimizerHyper,
  resyncEvery = 200,
) {
  return ({ params, opt }: { params: Variable[]; opt: Optimizer }) => {
    const ex = new GradientExchange(exchange, 0);
    let steps = 0;
    // The sharded update where the exchange has room for it (session.ts asks for it where
    // shardedSlots allows): started at the first step, it holds the optimizer's state from then on.
    let sharded: ShardedStep | null | undefined = exchange.stateSlots === null ? null : undefined;
    const step = async (b: RawBatch): Promise<StepResult> => {
      const sizes = shardSizes(b.n, helpers.length + 1);
      const size = b.shape.reduce((a, c) => a * c, 1);
      if (sharded === undefined) sharded = startSharded(tf, params, opt, ex);
      // Sharded, every replica takes the shared master parameters at every step, so the helpers
      // need the weights (the running statistics too) only at the first step and after a
      // non-finite one; unsharded, now and then as well, to be safe.
      const resync = steps === 0 || (!sharded && steps % resyncEvery === 0);
      steps += 1;
      const weights = resync
        ? compiled.model.weights.map((w) => (w.read().dataSync() as Float32Array).slice())
        : undefined;
      // With the sharded update the helpers keep no optimizer state.
      const optimizerState = resync && !sharded ? opt.getState() : undefined;
      const next = sharded ? { t: sharded.t + 1, first: sharded.first } : undefined;
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
          ...(next ? { sharded: next } : {}),
        });
        at += n;
      });
      try {
        const own = { x: b.x.subarray(0, sizes[0] * size), y: b.y.subarray(0, sizes[0]), n: sizes[0], shape: b.shape };
        const who = 'data-parallel coordinator';
        const r =
          sharded && next
            ? shardedReplicaStep(tf, compiled.model, params, hyper, opt.lr, next, ex, s, own, who)
            : replicaStep(tf, compiled.model, params, opt, ex, s, own, who);
        if (sharded && next && r.finite) {
          // In place: the optimizer's delegated state reads this object.
          sharded.t = next.t;
          sharded.first = false;
        }
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
