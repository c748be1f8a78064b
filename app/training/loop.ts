/**
 * The training loop: epochs of seeded shuffled mini-batches (train mode), validation and test
 * in eval mode, lr schedule per epoch, best and last checkpoints through hooks, early stopping,
 * NaN/Inf guard, pause/resume/stop. tfjs is injected; time and yielding come from the host.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../compiler/tfjs/compile';
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { makeRng, permutation } from '../data/rng';
import type { Dataset } from '../data/types';
import { batchCount, batches, rawBatches, type BatchTransform, type RawBatch } from './batches';
import { createBestTracker, type Monitor } from './best';
import type { BatchEvent, EpochEvent, LoopResult } from './events';
import { createOptimizer, type Optimizer, type OptimizerState, type OptimizerTensors } from './optimizers';
import { createSchedule } from './schedules';
import type { TrainingSettings } from './settings';
import { evaluateBatches, trainStepAsync, type StepResult } from './step';

export interface LoopData {
  train: Dataset;
  val?: Dataset;
  test?: Dataset;
  /** Training-only augmentation of each batch buffer. */
  augment?: BatchTransform;
}

export interface LoopHooks {
  now(): number;
  /** Let pending messages (pause/stop) in; resolves after the host's event loop turned. */
  yieldNow(): Promise<void>;
  isStopRequested?(): boolean;
  waitWhilePaused?(): Promise<void>;
  onBatch?(e: BatchEvent): void;
  onEpoch?(e: EpochEvent): void | Promise<void>;
  /**
   * Called after an epoch that is the best so far, and after every epoch (last), with the
   * optimizer's state where it lives: its own tensors, or views of the data-parallel exchange's
   * shared memory while that holds it (valid during the call: read or write them there).
   */
  onCheckpoint?(
    kind: 'best' | 'last',
    epoch: number,
    optimizer: OptimizerTensors | OptimizerState,
  ): void | Promise<void>;
  /** Report batches every N (default 10). */
  batchEvery?: number;
  /** Replaces the local step (data-parallel training across workers); gets the model's parameters and optimizer. */
  makeStep?(ctx: { params: Variable[]; opt: Optimizer }): (batch: RawBatch) => Promise<StepResult>;
}

export interface ResumeFrom {
  /** Epochs already done (the next epoch is startEpoch + 1). */
  startEpoch: number;
  /** Their events, to rebuild the schedule and the best tracker. */
  history: EpochEvent[];
  /** The optimizer's state at the checkpoint (momentum buffers, moments), if saved. */
  optimizer?: OptimizerState;
}

function monitorValue(e: Pick<EpochEvent, 'val_loss' | 'val_acc' | 'train_loss' | 'train_acc'>, m: Monitor): number {
  return (e[m] ?? NaN) as number;
}

export async function runTraining(
  tf: Tf,
  compiled: CompiledModel,
  s: TrainingSettings,
  data: LoopData,
  hooks: LoopHooks,
  resume?: ResumeFrom,
): Promise<LoopResult> {
  const model = compiled.model;
  const params = model.trainableWeights.map((w) => w.read() as unknown as Variable);
  const opt = createOptimizer(tf, params, s);
  if (resume?.optimizer) opt.setState(resume.optimizer);
  const step =
    hooks.makeStep?.({ params, opt }) ??
    (async (r: RawBatch) => {
      const x = tf.tensor(r.x, [r.n, ...r.shape], 'float32');
      const y = tf.tensor1d(r.y, 'int32');
      try {
        return await trainStepAsync(tf, model, params, opt, x, y, s);
      } finally {
        tf.dispose([x, y]);
      }
    });
  const schedule = createSchedule(s.lr, s.scheduler, s.warmup);
  const hasVal = !!data.val && data.val.n > 0;
  const fix = (m: Monitor): Monitor => (hasVal || !m.startsWith('val') ? m : (m.replace('val', 'train') as Monitor));
  const es = s.early_stopping;
  const tracker = createBestTracker(fix(es.enabled ? es.monitor : 'val_loss'), es.enabled ? es.min_delta : 0);
  const plateauMonitor = s.scheduler.name === 'ReduceLROnPlateau' ? fix(s.scheduler.monitor) : null;
  const seed = s.seed ?? 0;
  const events: EpochEvent[] = [];
  for (const e of resume?.history ?? []) {
    tracker.update(e.epoch, monitorValue(e, tracker.monitor));
    schedule.step(plateauMonitor ? monitorValue(e, plateauMonitor) : undefined);
    events.push(e);
  }
  let bestWeights: Tensor[] | null = null;
  const perEpoch = batchCount(data.train.n, s.batch_size);
  const every = hooks.batchEvery ?? 10;
  let trained = 0;
  let trainSeconds = 0;
  /** Start of the epoch in progress (null between epochs): a run cut short mid-epoch still counts its time. */
  let epochStart: number | null = null;
  let status: LoopResult['status'] = 'completed';
  let message: string | undefined;
  const first = (resume?.startEpoch ?? 0) + 1;
  outer: for (let epoch = first; epoch <= s.epochs; epoch++) {
    opt.lr = schedule.lr;
    const order = permutation(data.train.n, makeRng(seed * 1009 + epoch));
    const t0 = hooks.now();
    epochStart = t0;
    let sum = 0;
    let correct = 0;
    let seen = 0;
    let b = 0;
    for (const batch of rawBatches(data.train, s.batch_size, order, data.augment)) {
      b += 1;
      const r = await step(batch);
      const n = batch.n;
      if (!r.finite) {
        status = 'failed';
        const last = events.length ? `epoch ${events[events.length - 1].epoch}` : 'none yet';
        message = `Loss became ${r.loss} at epoch ${epoch}, batch ${b}: training stopped. The last good checkpoint (${last}) is kept. Lower the learning rate (now ${opt.lr}) or set clip_grad_norm.`;
        break outer;
      }
      sum += r.loss * n;
      correct += r.correct;
      seen += n;
      trained += n;
      if (b % every === 0 || b === perEpoch) {
        const dt = (hooks.now() - t0) / 1000;
        const ips = seen / Math.max(dt, 1e-9);
        const left = (perEpoch - b) * s.batch_size + (s.epochs - epoch) * data.train.n;
        hooks.onBatch?.({
          event: 'batch',
          epoch,
          batch: b,
          batches: perEpoch,
          loss: r.loss,
          lr: opt.lr,
          img_per_s: ips,
          eta_s: left / ips,
        });
        await hooks.yieldNow();
        if (hooks.waitWhilePaused) await hooks.waitWhilePaused();
        if (hooks.isStopRequested?.()) {
          status = 'stopped';
          message = `Stopped at epoch ${epoch}, batch ${b}.`;
          break outer;
        }
      }
    }
    const seconds = (hooks.now() - t0) / 1000;
    trainSeconds += seconds;
    epochStart = null;
    const evalSize = Math.max(s.batch_size, 256);
    const val = hasVal ? await evaluateBatches(tf, model, batches(tf, data.val as Dataset, evalSize), s.loss) : null;
    const ips = seen / Math.max(seconds, 1e-9);
    const metrics = {
      train_loss: sum / seen,
      train_acc: correct / seen,
      val_loss: val?.loss ?? null,
      val_acc: val?.acc ?? null,
    };
    const isBest = tracker.update(epoch, monitorValue(metrics, tracker.monitor));
    const mem = tf.memory();
    const ev: EpochEvent = {
      event: 'epoch',
      epoch,
      epochs: s.epochs,
      ...metrics,
      lr: opt.lr,
      img_per_s: ips,
      seconds,
      eta_s: ((s.epochs - epoch) * data.train.n) / ips,
      tensors: mem.numTensors,
      bytes: mem.numBytes,
      best: isBest,
    };
    events.push(ev);
    if (isBest && es.enabled && es.restore_best) {
      tf.dispose(bestWeights ?? []);
      bestWeights = model.weights.map((w) => tf.keep(tf.clone(w.read())));
    }
    await hooks.onEpoch?.(ev);
    if (hooks.onCheckpoint) {
      const state = opt.stateTensors();
      if (isBest) await hooks.onCheckpoint('best', epoch, state);
      await hooks.onCheckpoint('last', epoch, state);
    }
    schedule.step(plateauMonitor ? monitorValue(metrics, plateauMonitor) : undefined);
    if (es.enabled && !isBest && tracker.wait >= es.patience) {
      status = 'early_stopped';
      message = `Early stopping after epoch ${epoch}: ${tracker.monitor} did not improve for ${es.patience} epochs (best ${tracker.bestValue} at epoch ${tracker.bestEpoch}).`;
      break;
    }
  }
  if (epochStart !== null) trainSeconds += (hooks.now() - epochStart) / 1000;
  if (bestWeights && status === 'early_stopped') {
    model.weights.forEach((w, i) => w.write((bestWeights as Tensor[])[i]));
  }
  tf.dispose(bestWeights ?? []);
  opt.dispose();
  const test =
    data.test && data.test.n > 0 && status !== 'failed'
      ? await evaluateBatches(tf, model, batches(tf, data.test, Math.max(s.batch_size, 256)), s.loss)
      : null;
  return {
    status,
    message,
    epochs: events,
    bestEpoch: tracker.bestEpoch,
    bestValue: tracker.bestValue,
    monitor: tracker.monitor,
    test: test ? { loss: test.loss, acc: test.acc } : null,
    img_per_s: trained / Math.max(trainSeconds, 1e-9),
  };
}
