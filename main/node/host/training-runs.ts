/** `runs.list/get/delete`: the run folders the engine writes (main/node/runs), read for the runs view. */
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { HostResult, RunDetail, RunSummary } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import { defaultRunsDir, readMetrics, type RunInfo } from '../runs/run';
import { isInside, realPathOf } from './paths';
import { isKFoldDir, summarizeKFold } from './training-kfold-runs';
import type { Handler, HostServices } from './types';

type Summary = z.infer<typeof RunSummary>;
type Detail = z.infer<typeof RunDetail>;

/** Where runs of an unsaved project go: `untitled.runs/` in the served workspace, else in ~/.netloom. */
export function untitledRunsRoot(s: HostServices): string {
  return s.paths.workspace ? join(s.paths.workspace, 'untitled.runs') : join(homedir(), '.netloom', 'untitled.runs');
}

/**
 * The real path of the untitled runs folder, or null when it leads out of the served workspace
 * (a link `untitled.runs -> /elsewhere`): then it grants nothing.
 */
export async function untitledRoot(s: HostServices): Promise<string | null> {
  const real = await realPathOf(untitledRunsRoot(s));
  return s.paths.workspace && !isInside(s.paths.workspace, real) ? null : real;
}

/**
 * The real path of a folder the renderer names as a run (or runs) folder: links resolved first,
 * then allowed only inside the (real) untitled runs folder or by the path policy (the project's
 * folder, a chosen file's folder, the served workspace). Never a check on the path as written.
 */
export async function allowedRunPath(s: HostServices, path: string): Promise<HostResult<string>> {
  const base = s.paths.workspace;
  if (!isAbsolute(path) && !base) return err({ code: 'bad-request', message: `${path}: an absolute path is needed` });
  const real = await realPathOf(resolve(base ?? '/', path));
  const root = await untitledRoot(s);
  if (root && isInside(root, real) && real !== root) return ok(real);
  return s.paths.check(real);
}

/** The real path of a run folder the renderer may read: allowed (see allowedRunPath), holding run.json. */
export async function checkRunDir(s: HostServices, runDir: string): Promise<HostResult<string>> {
  const checked = await allowedRunPath(s, runDir);
  if (!checked.ok) return checked;
  if (!existsSync(join(checked.value, 'run.json')))
    return err({ code: 'not-found', message: `${runDir}: not a run folder (no run.json).` });
  return checked;
}

async function readJsonFile<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export async function summarize(dir: string): Promise<Summary | null> {
  const info = await readJsonFile<RunInfo>(join(dir, 'run.json'));
  if (!info) return null;
  const settings =
    (await readJsonFile<{ training?: Record<string, unknown>; dataset?: Record<string, unknown> }>(
      join(dir, 'settings.json'),
    )) ?? {};
  const t = settings.training ?? {};
  const end = info.finished_at
    ? Date.parse(info.finished_at)
    : info.status === 'running'
      ? Date.now()
      : Date.parse(info.started_at);
  return {
    id: info.id,
    dir,
    status: info.status,
    message: info.message,
    backend:
      info.engine === 'torch'
        ? `torch ${info.device ?? ''}${(info.world_size ?? 1) > 1 ? ` ×${info.world_size}` : ''}`.trim()
        : (info.backend?.name ?? null),
    created_at: info.created_at,
    finished_at: info.finished_at,
    duration_s: Math.max(0, (end - Date.parse(info.started_at)) / 1000),
    epochs_done: info.epochs_done,
    epochs: Number(t.epochs ?? 0),
    best: info.best && Number.isFinite(info.best.value) ? info.best : null,
    test: info.test ?? null,
    dataset: String(settings.dataset?.name ?? '?'),
    optimizer: String(t.optimizer ?? '?'),
    lr: Number(t.lr ?? 0),
    batch_size: Number(t.batch_size ?? 0),
    img_per_s: info.img_per_s,
  };
}

export interface BatchRow {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  lr: number;
  img_per_s: number;
}

/**
 * Batch curve decimated to at most `max` points, x = global batch number ((epoch - 1) * batches + batch):
 * the mean of each bucket (keeps the trend of a 100,000-batch run).
 */
export function decimateBatches(rows: BatchRow[], max = 4000): Detail['batches'] {
  const step = Math.max(1, Math.ceil(rows.length / max));
  const out: Detail['batches'] = [];
  for (let i = 0; i < rows.length; i += step) {
    const bucket = rows.slice(i, i + step);
    const mean = (f: (r: BatchRow) => number) => bucket.reduce((a, r) => a + f(r), 0) / bucket.length;
    out.push({
      x: mean((r) => (r.epoch - 1) * r.batches + r.batch),
      loss: mean((r) => r.loss),
      lr: mean((r) => r.lr),
      img_per_s: mean((r) => r.img_per_s),
    });
  }
  return out;
}

export function runsHandlers(s: HostServices): {
  'runs.list': Handler<'runs.list'>;
  'runs.get': Handler<'runs.get'>;
  'runs.delete': Handler<'runs.delete'>;
} {
  return {
    'runs.list': async ({ projectPath }) => {
      let root: string | null;
      if (projectPath) {
        const checked = await s.paths.check(projectPath);
        if (!checked.ok) return checked;
        // `<project>.runs` may itself be a link: its real path must pass the policy too.
        const runs = await s.paths.check(defaultRunsDir(checked.value));
        if (!runs.ok) return runs;
        root = runs.value;
      } else {
        root = await untitledRoot(s);
        if (!root)
          return err({
            code: 'denied',
            message: `${untitledRunsRoot(s)}: a link to a folder outside the served folder ${s.paths.workspace}; Netloom does not follow it. Replace the link with a folder.`,
          });
      }
      if (!existsSync(root)) return ok([]);
      // Dirent types come from the folder listing (lstat): a linked run folder is not a directory here, so it is skipped.
      const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
      const runs = (
        await Promise.all(
          names.map(async (n) => (await summarize(join(root, n))) ?? summarizeKFold(join(root, n), summarize)),
        )
      ).filter((r): r is Summary => r !== null);
      return ok(runs.sort((a, b) => b.created_at.localeCompare(a.created_at)));
    },
    'runs.get': async ({ runDir }) => {
      const dir = await checkRunDir(s, runDir);
      if (!dir.ok) return dir;
      const summary = await summarize(dir.value);
      if (!summary) return err({ code: 'failed', message: `${runDir}/run.json cannot be read.` });
      const settings =
        (await readJsonFile<{ training?: Record<string, unknown>; dataset?: Record<string, unknown> }>(
          join(dir.value, 'settings.json'),
        )) ?? {};
      const graph = await readJsonFile<Record<string, unknown>>(join(dir.value, 'graph.json'));
      const metrics = readMetrics(dir.value);
      const epochs = metrics.filter((m) => m.event === 'epoch') as unknown as Detail['epochs'];
      const batches = metrics.filter((m) => m.event === 'batch') as unknown as BatchRow[];
      return ok({
        summary,
        training: settings.training ?? {},
        dataset: settings.dataset ?? {},
        graphText: JSON.stringify(graph ?? {}),
        epochs: epochs.map(
          ({ epoch, epochs: n, train_loss, train_acc, val_loss, val_acc, lr, img_per_s, seconds, eta_s, best }) => ({
            epoch,
            epochs: n,
            train_loss,
            train_acc,
            val_loss,
            val_acc,
            lr,
            img_per_s,
            seconds,
            eta_s: Number.isFinite(eta_s) ? eta_s : 0,
            best,
          }),
        ),
        batches: decimateBatches(batches),
      });
    },
    'runs.delete': async ({ runDir }) => {
      // The real path is checked, and the real path is deleted: a link named as a run cannot lead the delete elsewhere.
      const real = await allowedRunPath(s, runDir);
      if (!real.ok) return real;
      const dir = isKFoldDir(real.value) ? real : await checkRunDir(s, real.value);
      if (!dir.ok) return dir;
      const info = await lstat(dir.value);
      if (!info.isDirectory()) return err({ code: 'bad-request', message: `${runDir}: not a run folder.` });
      // fs.rm never follows links inside the folder: a link in a run folder is removed, not what it points to.
      await rm(dir.value, { recursive: true, force: true });
      return ok({ ok: true as const });
    },
  };
}
