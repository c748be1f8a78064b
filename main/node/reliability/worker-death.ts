/**
 * When the training worker dies without its final event (an uncaught exception, out of memory,
 * the thread ended or killed), the host still owes the UI an ending: a `done` event with status
 * `failed` and the reason when training had started (and the run folder's run.json says so), or an
 * `error` event when it died before starting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoneEvent, ErrorEvent, StartEvent, WorkerEvent } from '../engine/protocol';
import { writeFileAtomicSync } from './atomic-sync';

export function describeWorkerError(e: Error & { code?: string }): string {
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap limit/i.test(e.message)) {
    return 'the training worker ran out of memory: use a smaller batch size or a smaller network.';
  }
  return `the training worker crashed: ${e.message.split('\n')[0]}`;
}

export class WorkerWatch {
  private start: StartEvent | null = null;
  private epochs = 0;

  observe(e: WorkerEvent): void {
    if (e.event === 'start') this.start = e;
    if (e.event === 'epoch') this.epochs = e.epoch;
  }

  /** The ending for a worker that died with `reason`; marks its run failed. */
  died(reason: string): DoneEvent | ErrorEvent {
    if (!this.start) return { event: 'error', message: reason };
    markRunFailed(this.start.run_dir, reason);
    return {
      event: 'done',
      status: 'failed',
      message: reason,
      test_loss: null,
      test_acc: null,
      img_per_s: 0,
      backend: this.start.backend,
      run_dir: this.start.run_dir,
      best_epoch: null,
      epochs_done: this.epochs,
    };
  }
}

/** Sets a run's run.json to failed with the reason (when it still says running). Never throws. */
export function markRunFailed(runDir: string, message: string): void {
  const path = join(runDir, 'run.json');
  try {
    if (!existsSync(path)) return;
    const info = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (info.status !== 'running') return;
    writeFileAtomicSync(
      path,
      `${JSON.stringify({ ...info, status: 'failed', message, finished_at: new Date().toISOString() }, null, 2)}\n`,
    );
  } catch {
    // the folder went away; nothing to mark
  }
}
