/**
 * Turns the worker's event stream into host events: batch and epoch metrics are collected and
 * sent as one `train.progress` message every `intervalMs` (and at each epoch end), so a fast run
 * with thousands of batches per second costs a few messages per second.
 */
import type { EventName, EventPayload } from '../../../app/protocol';
import type { WorkerEvent } from '../engine/protocol';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
type Progress = EventPayload<'train.progress'>;

export interface Batcher {
  push(e: WorkerEvent): void;
  flush(): void;
  close(): void;
}

export function createBatcher(sessionId: string, emit: Emit, intervalMs = 100): Batcher {
  let batches: Progress['batches'] = [];
  let epochs: Progress['epochs'] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!batches.length && !epochs.length) return;
    emit('train.progress', { sessionId, batches, epochs });
    batches = [];
    epochs = [];
  };
  const later = () => {
    timer ??= setTimeout(flush, intervalMs);
  };
  return {
    push(e) {
      switch (e.event) {
        case 'batch':
          batches.push({
            epoch: e.epoch,
            batch: e.batch,
            batches: e.batches,
            loss: e.loss,
            lr: e.lr,
            img_per_s: e.img_per_s,
            eta_s: Number.isFinite(e.eta_s) ? e.eta_s : 0,
          });
          later();
          break;
        case 'epoch':
          epochs.push({
            epoch: e.epoch,
            epochs: e.epochs,
            train_loss: e.train_loss,
            train_acc: e.train_acc,
            val_loss: e.val_loss,
            val_acc: e.val_acc,
            lr: e.lr,
            img_per_s: e.img_per_s,
            seconds: e.seconds,
            eta_s: Number.isFinite(e.eta_s) ? e.eta_s : 0,
            best: e.best,
          });
          flush();
          break;
        case 'start':
          emit('train.started', {
            sessionId,
            backend: e.backend,
            runDir: e.run_dir,
            runId: e.run_id,
            seed: e.seed,
            epochs: e.epochs,
            trainSize: e.train_size,
            valSize: e.val_size,
            testSize: e.test_size,
            resumedFrom: e.resumed_from,
            ...(e.device ? { device: e.device } : {}),
            ...(e.workers > 1 ? { workers: e.workers } : {}),
            ...(e.engine ? { engine: e.engine, worldSize: e.world_size } : {}),
          });
          break;
        case 'log':
          emit('train.log', { sessionId, message: e.message });
          break;
        case 'done':
          flush();
          emit('train.done', {
            sessionId,
            status: e.status,
            message: e.message,
            runDir: e.run_dir,
            testLoss: e.test_loss,
            testAcc: e.test_acc,
            imgPerS: e.img_per_s,
            epochsDone: e.epochs_done,
          });
          break;
        case 'state':
          flush();
          emit('train.state', { sessionId, state: e.state, acknowledged: true });
          break;
        case 'error':
          flush();
          emit('train.done', {
            sessionId,
            status: 'error',
            message: e.message,
            runDir: null,
            testLoss: null,
            testAcc: null,
            imgPerS: 0,
            epochsDone: 0,
          });
          break;
      }
    },
    flush,
    close() {
      flush();
    },
  };
}
