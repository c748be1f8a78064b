/**
 * K-fold cross-validation from the host: startKFold(request, k) trains K runs one after the
 * other, fold i in `kfold-<id>/fold-<i>/` (each a normal run folder with its own evaluation),
 * streams their events with a `fold` field, then writes `kfold.json` (per-fold validation and
 * test metrics, mean, sample standard deviation, best fold) and copies the best fold's weights
 * to the parent's `best/`. The test split is never trained or validated on.
 */
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarizeFolds } from '../../../app/data/kfold';
import type { EpochEvent } from '../../../app/training/events';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { defaultRunsDir, newRunId } from '../runs/run';
import type { DoneEvent, ErrorEvent, TrainRequest, WorkerEvent } from './protocol';
import { startTraining, type TrainingHandle } from './start';

export interface FoldResult {
  fold: number;
  run_dir: string;
  status: string;
  epochs_done: number;
  best_epoch: number | null;
  train_size: number;
  val_size: number;
  test_size: number;
  val_loss: number | null;
  val_acc: number | null;
  test_loss: number | null;
  test_acc: number | null;
  /** Which weights the test metrics are of: 'best'/'last' checkpoint (evaluation.json) or 'final'. */
  test_checkpoint: string;
}

export interface KFoldEvent {
  event: 'kfold';
  k: number;
  run_dir: string;
  folds: FoldResult[];
  mean: Record<string, number>;
  std: Record<string, number>;
  /** 1-based fold with the best validation accuracy (lowest validation loss when there is none). */
  best_fold: number;
  best_metric: string;
  /** The best fold's weights, copied (null when that fold saved none). */
  best_dir: string | null;
}

export type KFoldStreamEvent = (WorkerEvent & { fold: number }) | KFoldEvent | ErrorEvent;

export interface KFoldHandle {
  on(listener: (e: KFoldStreamEvent) => void): () => void;
  /** Stop the current fold after its batch and train no further folds. */
  stop(): void;
  /** Pause the current fold after its batch (a fold that starts while paused starts paused). */
  pause(): void;
  resume(): void;
  /** The summary, or the first fold's `error` (nothing trained) / a failed fold's reason. */
  done: Promise<KFoldEvent | ErrorEvent>;
}

const METRICS: [keyof FoldResult, boolean][] = [
  ['val_loss', false],
  ['val_acc', true],
  ['test_loss', false],
  ['test_acc', true],
];

/** Mean/std over folds of each metric every fold has; the best fold by val_acc (else val_loss). */
export function summarize(k: number, runDir: string, folds: FoldResult[]): Omit<KFoldEvent, 'best_dir'> {
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  let best = 1;
  let bestMetric = '';
  for (const [m, higher] of METRICS) {
    const values = folds.map((f) => f[m]);
    if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) continue;
    const s = summarizeFolds(m, values as number[], higher);
    mean[m] = s.mean;
    std[m] = s.std;
    if (m === 'val_acc' || (m === 'val_loss' && !bestMetric)) {
      best = folds[s.best_fold - 1].fold;
      bestMetric = m;
    }
  }
  return { event: 'kfold', k, run_dir: runDir, folds, mean, std, best_fold: best, best_metric: bestMetric || 'none' };
}

/** Test metrics of the weights kept (evaluation.json: best checkpoint), else of the final weights. */
function testMetrics(end: DoneEvent): Pick<FoldResult, 'test_loss' | 'test_acc' | 'test_checkpoint'> {
  if (end.evaluation) {
    try {
      const ev = JSON.parse(readFileSync(end.evaluation, 'utf8')) as {
        loss: number;
        accuracy: number;
        checkpoint: string;
      };
      return { test_loss: ev.loss, test_acc: ev.accuracy, test_checkpoint: ev.checkpoint };
    } catch {
      // fall through to the final weights' numbers
    }
  }
  return { test_loss: end.test_loss, test_acc: end.test_acc, test_checkpoint: 'final' };
}

function parentDir(req: TrainRequest): string {
  if (req.out) return resolve(req.out);
  const runs = req.projectPath ? defaultRunsDir(req.projectPath) : resolve('netloom.runs');
  return join(runs, `kfold-${newRunId()}`);
}

export function startKFold(req: TrainRequest, k: number): KFoldHandle {
  const listeners = new Set<(e: KFoldStreamEvent) => void>();
  const send = (e: KFoldStreamEvent) => {
    for (const l of listeners) l(e);
  };
  let current: TrainingHandle | null = null;
  let stopped = false;
  let paused = false;
  // A fixed seed, so every fold cuts the same K folds (and the same test split).
  const seed = req.settings.seed ?? Math.floor(Math.random() * 2 ** 31);
  const dir = parentDir(req);

  const run = async (): Promise<KFoldEvent | ErrorEvent> => {
    if (!Number.isInteger(k) || k < 2)
      return { event: 'error', message: `kfold: K must be an integer of at least 2, got ${k}.` };
    if (req.resume)
      return { event: 'error', message: 'kfold: --resume continues one run; it cannot be combined with --kfold.' };
    mkdirSync(dir, { recursive: true });
    const folds: FoldResult[] = [];
    for (let i = 1; i <= k && !stopped; i++) {
      const h = startTraining({
        ...req,
        settings: { ...req.settings, seed },
        out: join(dir, `fold-${i}`),
        fold: { k, index: i },
      });
      current = h;
      if (paused) h.pause();
      const epochs: EpochEvent[] = [];
      let sizes = { train_size: 0, val_size: 0, test_size: 0 };
      h.on((e) => {
        if (e.event === 'epoch') epochs.push(e);
        if (e.event === 'start') sizes = { train_size: e.train_size, val_size: e.val_size, test_size: e.test_size };
        send({ ...e, fold: i });
      });
      const end: DoneEvent | ErrorEvent = await h.done;
      current = null;
      if (end.event === 'error') return { event: 'error', message: `fold ${i}: ${end.message}` };
      const at = epochs.find((e) => e.epoch === end.best_epoch) ?? epochs[epochs.length - 1];
      folds.push({
        fold: i,
        run_dir: end.run_dir,
        status: end.status,
        epochs_done: end.epochs_done,
        best_epoch: end.best_epoch,
        ...sizes,
        val_loss: at?.val_loss ?? null,
        val_acc: at?.val_acc ?? null,
        ...testMetrics(end),
      });
      if (end.status === 'failed')
        return { event: 'error', message: `fold ${i} failed: ${end.message ?? 'training failed'}` };
    }
    const summary = summarize(k, dir, folds);
    const bestRun = folds.find((f) => f.fold === summary.best_fold)?.run_dir;
    let bestDir: string | null = null;
    for (const kind of ['best', 'last']) {
      if (bestRun && existsSync(join(bestRun, kind, 'model.json'))) {
        bestDir = join(dir, 'best');
        cpSync(join(bestRun, kind), bestDir, { recursive: true });
        break;
      }
    }
    const result: KFoldEvent = { ...summary, best_dir: bestDir };
    writeFileAtomicSync(join(dir, 'kfold.json'), `${JSON.stringify({ ...result, seed, stopped }, null, 2)}\n`);
    return result;
  };

  const done = run()
    .catch((e: unknown): ErrorEvent => ({
      event: 'error',
      message: `kfold: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    }))
    .then((e) => {
      send(e);
      return e;
    });
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      current?.stop();
    },
    pause() {
      paused = true;
      current?.pause();
    },
    resume() {
      paused = false;
      current?.resume();
    },
    done,
  };
}
