/**
 * A run folder: `<project>.runs/<timestamp-id>/` beside the project (or --out):
 *   graph.json     the graph trained
 *   settings.json  training + dataset settings used
 *   run.json       status, backend, times, best and final metrics
 *   metrics.jsonl  one JSON object per line (batch and epoch events), appended
 *   best/, last/   checkpoints in tfjs format (model.json + weights.bin)
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { InitFrom } from './init-from';

export interface RunInfo {
  id: string;
  status: 'running' | 'completed' | 'stopped' | 'early_stopped' | 'failed';
  message?: string;
  backend: { name: string; package: string; version: string; device?: string } | null;
  created_at: string;
  started_at: string;
  finished_at?: string;
  epochs_done: number;
  seed: number;
  best: { epoch: number; monitor: string; value: number } | null;
  test?: { loss: number; acc: number } | null;
  img_per_s?: number;
  project?: string;
  /** The PyTorch engine's runs: engine, device, processes, torch and its interpreter. */
  engine?: 'netloom' | 'torch';
  device?: string;
  world_size?: number;
  torch?: { version: string; python: string; cpu_seconds?: number; threads?: number };
  /** `--init-from`: the checkpoint the initial weights came from and what matched (runs/init-from.ts). */
  init_from?: InitFrom;
}

/** Clears the PyTorch engine's fields of a run.json (a run resumed on the built-in engine). */
export const NO_ENGINE = { engine: undefined, device: undefined, world_size: undefined, torch: undefined } as const;

function writeJson(path: string, value: unknown): void {
  writeFileAtomicSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function defaultRunsDir(projectPath: string): string {
  const abs = resolve(projectPath);
  return join(dirname(abs), `${basename(abs).replace(/\.json$/i, '')}.runs`);
}

export function newRunId(date = new Date()): string {
  const ts = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '-');
  return `${ts}-${randomBytes(2).toString('hex')}`;
}

export interface RunFolder {
  dir: string;
  id: string;
}

/** Create the run folder with its graph and settings. `out` is used as is when given. */
export function createRunFolder(opts: {
  projectPath?: string;
  out?: string;
  graph: unknown;
  settings: unknown;
}): RunFolder {
  const id = newRunId();
  const dir = opts.out
    ? resolve(opts.out)
    : join(opts.projectPath ? defaultRunsDir(opts.projectPath) : resolve('netloom.runs'), id);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, 'graph.json'), opts.graph);
  writeJson(join(dir, 'settings.json'), opts.settings);
  return { dir, id: basename(dir) };
}

export function writeRunInfo(dir: string, info: RunInfo): void {
  writeJson(join(dir, 'run.json'), info);
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function appendMetric(dir: string, event: Record<string, unknown>): void {
  appendFileSync(join(dir, 'metrics.jsonl'), `${JSON.stringify(event)}\n`);
}

/** The metrics lines of a run (a torn last line, from a crash, is skipped). */
export function readMetrics(dir: string): Record<string, unknown>[] {
  const path = join(dir, 'metrics.jsonl');
  if (!existsSync(path)) return [];
  const out: Record<string, unknown>[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial line written when the process died
    }
  }
  return out;
}
