/** The human output of `netloom train`: a progress bar with ETA on stderr, one line per epoch. */
import type { WorkerEvent } from '../engine/protocol';

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(sec).padStart(2, '0')}s`
      : `${sec}s`;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null ? '-' : v.toFixed(4));

export function humanProgress(write: (s: string) => void, tty: boolean): (e: WorkerEvent) => void {
  let barShown = false;
  const clear = () => {
    if (barShown) write('\r\x1b[K');
    barShown = false;
  };
  return (e) => {
    switch (e.event) {
      case 'log':
        clear();
        write(`${e.message}\n`);
        break;
      case 'start':
        if (e.engine === 'torch')
          write(
            `engine PyTorch ${e.backend_version} on ${e.device ?? '?'}${(e.world_size ?? 1) > 1 ? ` x ${e.world_size} processes` : ''}; train ${e.train_size}, val ${e.val_size}, test ${e.test_size}; seed ${e.seed}\n`,
          );
        else
          write(
            `backend ${e.backend} (${e.backend_package} ${e.backend_version})${e.device ? ` on ${e.device}` : ''}${e.workers > 1 ? ` x ${e.workers} workers` : ''}; train ${e.train_size}, val ${e.val_size}, test ${e.test_size}; seed ${e.seed}\n`,
          );
        write(`run folder ${e.run_dir}${e.resumed_from ? ` (resuming after epoch ${e.resumed_from})` : ''}\n`);
        break;
      case 'batch': {
        if (!tty) break;
        const width = 24;
        const filled = Math.round((e.batch / e.batches) * width);
        write(
          `\r\x1b[Kepoch ${e.epoch} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.batch}/${e.batches} loss ${e.loss.toFixed(4)} lr ${e.lr.toPrecision(3)} ${Math.round(e.img_per_s)} img/s ETA ${duration(e.eta_s)}`,
        );
        barShown = true;
        break;
      }
      case 'epoch':
        clear();
        write(
          `epoch ${e.epoch}/${e.epochs}: train loss ${num(e.train_loss)} acc ${pct(e.train_acc)} | val loss ${num(e.val_loss)} acc ${pct(e.val_acc)} | lr ${e.lr.toPrecision(3)} | ${Math.round(e.img_per_s)} img/s | ${e.seconds.toFixed(1)}s${e.best ? ' (best)' : ''} | tensors ${e.tensors}\n`,
        );
        break;
      case 'done':
        clear();
        if (e.message) write(`${e.message}\n`);
        write(
          `${e.status}: test loss ${num(e.test_loss)} acc ${pct(e.test_acc)} | ${Math.round(e.img_per_s)} img/s on ${e.engine === 'torch' ? `PyTorch ${e.device ?? ''}` : e.backend} | run ${e.run_dir}\n`,
        );
        break;
      case 'error':
        clear();
        break;
    }
  };
}

/**
 * Waits for a training handle to end, with Ctrl-C as a person expects: the first asks it to stop
 * after the current batch (printing `note`), a second quits at once (exit 130).
 */
export async function untilDone<T>(handle: { stop(): void; done: Promise<T> }, note: string): Promise<T> {
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${note} (Ctrl-C again to quit now)\n`);
    handle.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    return await handle.done;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
