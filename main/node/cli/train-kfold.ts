/**
 * `netloom train FILE --kfold K`: K-fold cross-validation over train+validation (startKFold).
 * Human output: each fold's progress under a "fold i/K" header, then a table of per-fold metrics
 * with mean ± std. `--json`: every event with a `fold` field, then {"event":"kfold",...}.
 */
import type { KFoldEvent, KFoldStreamEvent } from '../engine/kfold';
import { startKFold } from '../engine/kfold';
import type { TrainRequest } from '../engine/protocol';
import { humanProgress, untilDone } from './train-progress';

const f4 = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(4) : '-');

export function kfoldTable(e: KFoldEvent): string {
  const lines = ['fold  val_loss  val_acc  test_loss  test_acc'];
  for (const f of e.folds)
    lines.push(
      `${String(f.fold).padEnd(4)}  ${f4(f.val_loss)}    ${f4(f.val_acc)}   ${f4(f.test_loss)}     ${f4(f.test_acc)}${f.fold === e.best_fold ? '  (best)' : ''}`,
    );
  const pm = (m: string) => (m in e.mean ? `${f4(e.mean[m])} ± ${f4(e.std[m])}` : '-');
  lines.push(
    `mean ± std: val_loss ${pm('val_loss')}, val_acc ${pm('val_acc')}, test_loss ${pm('test_loss')}, test_acc ${pm('test_acc')}`,
  );
  lines.push(
    `best fold ${e.best_fold} (by ${e.best_metric}); weights ${e.best_dir ?? 'none'}; summary ${e.run_dir}/kfold.json`,
  );
  return `${lines.join('\n')}\n`;
}

/** Run the K folds; the exit status as `netloom train` gives it. */
export async function runKFold(req: TrainRequest, k: number, json: boolean): Promise<number> {
  const handle = startKFold(req, k);
  const human = humanProgress((s) => process.stderr.write(s), process.stderr.isTTY === true);
  handle.on((e: KFoldStreamEvent) => {
    if (json) {
      if (e.event !== 'batch') process.stdout.write(`${JSON.stringify(e)}\n`);
      return;
    }
    if (e.event === 'kfold') process.stdout.write(kfoldTable(e));
    else if (e.event !== 'error') {
      if (e.event === 'start') process.stderr.write(`fold ${e.fold}/${k}\n`);
      human(e);
    }
  });
  const end = await untilDone(handle, 'stopping after this batch; no further folds');
  if (end.event === 'error') {
    console.error(`netloom train: ${end.message}`);
    return /^fold \d+ failed:/.test(end.message) ? 1 : 2;
  }
  return 0;
}
