/**
 * K-fold runs in the run history: a `kfold-<id>/` folder (no run.json of its own) is one entry
 * whose folds are its `fold-<i>/` run folders; mean, std and best fold come from its kfold.json
 * once the last fold finished (null while it runs).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { RunSummary } from '../../../app/protocol';

type Summary = z.infer<typeof RunSummary>;
type Fold = NonNullable<Summary['kfold']>['folds'][number];

interface KFoldFile {
  k: number;
  folds: {
    fold: number;
    run_dir: string;
    status: string;
    epochs_done: number;
    val_loss: number | null;
    val_acc: number | null;
    test_loss: number | null;
    test_acc: number | null;
  }[];
  mean: Record<string, number>;
  std: Record<string, number>;
  best_fold: number;
  stopped?: boolean;
}

/** Is `dir` a K-fold parent folder (kfold.json, or fold-1/run.json while the first fold runs)? */
export function isKFoldDir(dir: string): boolean {
  return (
    !existsSync(join(dir, 'run.json')) &&
    (existsSync(join(dir, 'kfold.json')) || existsSync(join(dir, 'fold-1', 'run.json')))
  );
}

/** One RunSummary for a K-fold folder: the first fold's settings, totals over folds, `kfold` with every fold. */
export async function summarizeKFold(
  dir: string,
  summarizeRun: (dir: string) => Promise<Summary | null>,
): Promise<Summary | null> {
  if (!isKFoldDir(dir)) return null;
  let file: KFoldFile | null = null;
  try {
    file = JSON.parse(await readFile(join(dir, 'kfold.json'), 'utf8')) as KFoldFile;
  } catch {
    file = null;
  }
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && /^fold-\d+$/.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const runs = (await Promise.all(names.map((n) => summarizeRun(join(dir, n))))).filter(
    (r): r is Summary => r !== null,
  );
  if (!runs.length) return null;
  const folds: Fold[] = runs.map((r) => {
    const fold = Number(basename(r.dir).slice(5));
    const f = file?.folds.find((x) => x.fold === fold);
    return {
      fold,
      dir: r.dir,
      status: r.status,
      epochs_done: r.epochs_done,
      val_loss: f?.val_loss ?? (r.best?.monitor === 'val_loss' ? r.best.value : null),
      val_acc: f?.val_acc ?? (r.best?.monitor === 'val_acc' ? r.best.value : null),
      test_loss: f?.test_loss ?? r.test?.loss ?? null,
      test_acc: f?.test_acc ?? r.test?.acc ?? null,
    };
  });
  const first = runs[0];
  // While the folds run there is no kfold.json yet: K is then the number of folds begun so far.
  const k = file?.k ?? runs.length;
  const running = runs.some((r) => r.status === 'running');
  const status = running
    ? 'running'
    : file
      ? file.stopped || runs.some((r) => r.status === 'stopped')
        ? 'stopped'
        : runs.some((r) => r.status === 'failed')
          ? 'failed'
          : 'completed'
      : 'stopped';
  const mean = file?.mean ?? null;
  return {
    ...first,
    id: basename(dir),
    dir,
    status,
    message: undefined,
    duration_s: runs.reduce((a, r) => a + r.duration_s, 0),
    epochs_done: runs.reduce((a, r) => a + r.epochs_done, 0),
    epochs: first.epochs * k,
    best:
      mean && mean.val_acc !== undefined
        ? { epoch: file?.best_fold ?? 0, monitor: 'mean val_acc', value: mean.val_acc }
        : null,
    test:
      mean && mean.test_acc !== undefined && mean.test_loss !== undefined
        ? { loss: mean.test_loss, acc: mean.test_acc }
        : null,
    kfold: { k, folds, mean, std: file?.std ?? null, best_fold: file?.best_fold ?? null },
  };
}
