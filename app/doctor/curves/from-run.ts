/**
 * RunSeries from what a run folder records: metrics.jsonl lines (batch and epoch events; a NaN
 * loss is written as null by JSON) and run.json's status and message (a run stopped by a NaN loss
 * says where: "Loss became NaN at epoch 1, batch 10 ... (now 1)").
 */
import type { BatchRecord, EpochRecord, RunSeries } from './types';

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export interface RunInfoLike {
  status?: string;
  message?: string;
}

export function seriesFromMetrics(
  lines: readonly Record<string, unknown>[],
  info: RunInfoLike = {},
  classes?: number,
): RunSeries {
  const epochs: EpochRecord[] = [];
  const batches: BatchRecord[] = [];
  let perEpoch = 0;
  for (const l of lines) {
    if (l.event === 'epoch') {
      epochs.push({
        epoch: num(l.epoch),
        train_loss: num(l.train_loss),
        train_acc: numOrNull(l.train_acc),
        val_loss: numOrNull(l.val_loss),
        val_acc: numOrNull(l.val_acc),
        lr: num(l.lr),
      });
    } else if (l.event === 'batch') {
      perEpoch = num(l.batches) || perEpoch;
      batches.push({ x: (num(l.epoch) - 1) * perEpoch + num(l.batch), loss: num(l.loss), lr: num(l.lr) });
    }
  }
  const nan = nanStep(info, perEpoch);
  if (nan) batches.push(nan);
  return { epochs, batches, ...(classes ? { classes } : {}) };
}

/** The step where a failed run's loss became NaN or infinite, from run.json's message, as a batch record. */
export function nanStep(info: RunInfoLike, perEpoch: number): BatchRecord | null {
  const m =
    info.status === 'failed' && info.message
      ? /Loss became (\S+) at epoch (\d+), batch (\d+).*\(now ([^)]+)\)/.exec(info.message)
      : null;
  if (!m) return null;
  const epoch = Number(m[2]);
  const batch = Number(m[3]);
  return { x: (epoch - 1) * (perEpoch || batch) + batch, loss: NaN, lr: Number(m[4]) };
}

/** RunSeries from a run's detail as the host gives it (runs.get: epochs and decimated batches with x). */
export function seriesFromDetail(
  d: { epochs: readonly EpochRecord[]; batches: readonly BatchRecord[] },
  info: RunInfoLike,
  perEpoch: number,
  classes?: number,
): RunSeries {
  const batches = [...d.batches];
  const nan = nanStep(info, perEpoch);
  if (nan) batches.push(nan);
  return { epochs: [...d.epochs], batches, ...(classes ? { classes } : {}) };
}
