/** `runs.list/get/delete`: the run folders the engine writes (main/node/runs), read for the runs view. */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { HostResult, RunDetail, RunSummary } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import { defaultRunsDir, readMetrics, type RunInfo } from '../runs/run';
import { isInside } from './paths';
import { isKFoldDir, summarizeKFold } from './training-kfold-runs';
import type { Handler, HostServices } from './types';

type Summary = z.infer<typeof RunSummary>;
type Detail = z.infer<typeof RunDetail>;

/** Where runs of an unsaved project go: `untitled.runs/` in the served workspace, else in ~/.netloom. */
export function untitledRunsRoot(s: HostServices): string {
  return s.paths.workspace ? join(s.paths.workspace, 'untitled.runs') : join(homedir(), '.netloom', 'untitled.runs');
}

/** The real path of a run folder the renderer may read: inside an allowed folder or the untitled root, holding run.json. */
export async function checkRunDir(s: HostServices, runDir: string): Promise<HostResult<string>> {
  const root = untitledRunsRoot(s);
  const checked = isInside(root, runDir) ? ok(runDir) : await s.paths.check(runDir);
  if (!checked.ok) return checked;
  if (!existsSync(join(checked.value, 'run.json'))) return err({ code: 'not-found', message: `${runDir}: not a run folder (no run.json).` });
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
  const settings = (await readJsonFile<{ training?: Record<string, unknown>; dataset?: Record<string, unknown> }>(join(dir, 'settings.json'))) ?? {};
  const t = settings.training ?? {};
  const end = info.finished_at ? Date.parse(info.finished_at) : info.status === 'running' ? Date.now() : Date.parse(info.started_at);
  return {
    id: info.id, dir, status: info.status, message: info.message, backend: info.engine === 'torch' ? `torch ${info.device ?? ''}${(info.world_size ?? 1) > 1 ? ` ×${info.world_size}` : ''}`.trim() : (info.backend?.name ?? null),
    created_at: info.created_at, finished_at: info.finished_at,
    duration_s: Math.max(0, (end - Date.parse(info.started_at)) / 1000),
    epochs_done: info.epochs_done, epochs: Number(t.epochs ?? 0), best: info.best && Number.isFinite(info.best.value) ? info.best : null,
    test: info.test ?? null, dataset: String(settings.dataset?.name ?? '?'), optimizer: String(t.optimizer ?? '?'),
    lr: Number(t.lr ?? 0), batch_size: Number(t.batch_size ?? 0), img_per_s: info.img_per_s,
  };
}

export interface BatchRow { epoch: number; batch: number; batches: number; loss: number; lr: number; img_per_s: number }

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
    out.push({ x: mean((r) => (r.epoch - 1) * r.batches + r.batch), loss: mean((r) => r.loss), lr: mean((r) => r.lr), img_per_s: mean((r) => r.img_per_s) });
  }
  return out;
}

export function runsHandlers(s: HostServices): { 'runs.list': Handler<'runs.list'>; 'runs.get': Handler<'runs.get'>; 'runs.delete': Handler<'runs.delete'> } {
  return {
    'runs.list': async ({ projectPath }) => {
      let root = untitledRunsRoot(s);
      if (projectPath) {
        const checked = await s.paths.check(projectPath);
        if (!checked.ok) return checked;
        root = defaultRunsDir(checked.value);
      }
      if (!existsSync(root)) return ok([]);
      const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
      const runs = (await Promise.all(names.map(async (n) => (await summarize(join(root, n))) ?? summarizeKFold(join(root, n), summarize)))).filter((r): r is Summary => r !== null);
      return ok(runs.sort((a, b) => b.created_at.localeCompare(a.created_at)));
    },
    'runs.get': async ({ runDir }) => {
      const dir = await checkRunDir(s, runDir);
      if (!dir.ok) return dir;
      const summary = await summarize(dir.value);
      if (!summary) return err({ code: 'failed', message: `${runDir}/run.json cannot be read.` });
      const settings = (await readJsonFile<{ training?: Record<string, unknown>; dataset?: Record<string, unknown> }>(join(dir.value, 'settings.json'))) ?? {};
      const graph = await readJsonFile<Record<string, unknown>>(join(dir.value, 'graph.json'));
      const metrics = readMetrics(dir.value);
      const epochs = metrics.filter((m) => m.event === 'epoch') as unknown as Detail['epochs'];
      const batches = metrics.filter((m) => m.event === 'batch') as unknown as BatchRow[];
      return ok({
        summary, training: settings.training ?? {}, dataset: settings.dataset ?? {},
        graphText: JSON.stringify(graph ?? {}),
        epochs: epochs.map(({ epoch, epochs: n, train_loss, train_acc, val_loss, val_acc, lr, img_per_s, seconds, eta_s, best }) => ({
          epoch, epochs: n, train_loss, train_acc, val_loss, val_acc, lr, img_per_s, seconds, eta_s: Number.isFinite(eta_s) ? eta_s : 0, best,
        })),
        batches: decimateBatches(batches),
      });
    },
    'runs.delete': async ({ runDir }) => {
      const kf = isInside(untitledRunsRoot(s), runDir) ? ok(runDir) : await s.paths.check(runDir);
      const dir = kf.ok && isKFoldDir(kf.value) ? kf : await checkRunDir(s, runDir);
      if (!dir.ok) return dir;
      await rm(dir.value, { recursive: true, force: true });
      return ok({ ok: true as const });
    },
  };
}
