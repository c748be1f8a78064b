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

export function seriesFromMetrics(lines: readonly Record<string, unknown>[], info: RunInfoLike = {}, classes?: number): RunSeries {
  const epochs: EpochRecord[] = [];
  const batches: BatchRecord[] = [];
  let perEpoch = 0;
  for (const l of lines) {
    if (l.event === 'epoch') {
      epochs.push({ epoch: num(l.epoch), train_loss: num(l.train_loss), train_acc: numOrNull(l.train_acc), val_loss: numOrNull(l.val_loss), val_acc: numOrNull(l.val_acc), lr: num(l.lr) });
    } else if (l.event === 'batch') {
      perEpoch = num(l.batches) || perEpoch;
      batches.push({ x: (num(l.epoch) - 1) * perEpoch + num(l.batch), loss: num(l.loss), lr: num(l.lr) });
    }
  }
  const m = info.status === 'failed' && info.message ? /Loss became (\S+) at epoch (\d+), batch (\d+).*\(now ([^)]+)\)/.exec(info.message) : null;
  if (m) {
    const epoch = Number(m[2]);
    const batch = Number(m[3]);
    perEpoch = perEpoch || batch;
    batches.push({ x: (epoch - 1) * perEpoch + batch, loss: NaN, lr: Number(m[4]) });
  }
  return { epochs, batches, ...(classes ? { classes } : {}) };
}
