/**
 * What `netloom diff` compares: a project file, a run folder (graph.json + settings.json), or a
 * K-fold folder (kfold-<id>/ with fold-<i>/ runs: one entry, its folds share graph and settings).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../../../app/graph/types';
import type { Settings } from '../../../app/doctor/diff/settings-diff';
import { err, ok, type Result } from '../../../app/result';
import { readProjectFile } from './project-file';

export interface DiffSource {
  graph: Graph;
  settings: Settings;
  /** A line for the header: what it is. */
  what: string;
}

function readJsonFile(path: string): Result<unknown> {
  try {
    return ok(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  } catch (e) {
    return err(`cannot read ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function runFolder(dir: string, what: string): Result<DiffSource> {
  const graph = readProjectFile(join(dir, 'graph.json'));
  if (!graph.ok) return err(graph.error);
  const s = readJsonFile(join(dir, 'settings.json'));
  const settings = s.ok ? record(s.value) : undefined;
  return ok({
    graph: graph.value,
    settings: {
      training: record(settings?.training) ?? graph.value.training,
      dataset: record(settings?.dataset) ?? graph.value.dataset,
    },
    what,
  });
}

export function readDiffSource(path: string): Result<DiffSource> {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return err(`cannot read ${path}: no such file or folder`);
  }
  if (!isDir) {
    const g = readProjectFile(path);
    return g.ok
      ? ok({
          graph: g.value,
          settings: { training: g.value.training, dataset: g.value.dataset },
          what: `project ${path}`,
        })
      : g;
  }
  if (existsSync(join(path, 'graph.json'))) return runFolder(path, `run ${path}`);
  const folds = readdirSync(path)
    .filter((f) => /^fold-\d+$/.test(f))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (folds.length > 0) return runFolder(join(path, folds[0]), `K-fold run ${path} (${folds.length} folds)`);
  return err(
    `${path} is a folder but not a run folder (no graph.json) nor a K-fold folder (no fold-N/): give a project file or a run folder`,
  );
}
