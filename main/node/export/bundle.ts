/**
 * A project bundle: one JSON file with the project, its runs (run.json, settings, graph, metrics)
 * and each run's chosen checkpoint (model.json + weights.bin as base64), to open on another
 * machine. Opening validates every name (no path can leave the destination folder).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { err, ok, type Result } from '../../../app/result';
import { defaultRunsDir } from '../runs/run';
import { checkBundleContent } from './bundle-check';
import { atomicWriteFile } from './files';
import { isLink, isRealDir, readNoFollow } from './no-follow';
import { checkpointDir } from './weights';

export const BUNDLE_FORMAT = 'netloom-bundle';
const RUN_FILES = ['run.json', 'settings.json', 'graph.json', 'metrics.jsonl'] as const;
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

interface BundleRun {
  id: string;
  files: Partial<Record<(typeof RUN_FILES)[number], string>>;
  checkpoint?: { kind: 'best' | 'last'; modelJson: string; weights: string };
}
interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: 1;
  name: string;
  project: string;
  runs: BundleRun[];
}

/** The run folders of a project: `<project>.runs/*` that hold a graph.json; linked folders are not followed. */
export function projectRuns(projectPath: string): string[] {
  const dir = defaultRunsDir(projectPath);
  if (!isRealDir(dir)) return [];
  return readdirSync(dir)
    .map((d) => join(dir, d))
    .filter((d) => isRealDir(d) && existsSync(join(d, 'graph.json')))
    .sort();
}

export function writeBundle(o: {
  projectPath: string;
  runDirs?: string[];
  out: string;
  which?: 'best' | 'last';
}): Result<{ file: string; runs: number }> {
  let project: string;
  try {
    project = readFileSync(o.projectPath, 'utf8');
  } catch (e) {
    return err(`cannot read ${o.projectPath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const runsDir = defaultRunsDir(o.projectPath);
  if (!o.runDirs && isLink(runsDir))
    return err(
      `${runsDir} is a symbolic link: links are not followed into a bundle. Replace it with a folder, or name a run with --run.`,
    );
  const runs: BundleRun[] = [];
  for (const d of o.runDirs ?? projectRuns(o.projectPath)) {
    const id = basename(resolve(d));
    if (!SAFE.test(id))
      return err(`run folder name '${id}' cannot go into a bundle: rename it (letters, digits, . _ -)`);
    if (!existsSync(d)) return err(`run folder ${d} does not exist`);
    if (!isRealDir(d))
      return err(`run folder ${d} is a symbolic link or not a folder: links are not followed into a bundle`);
    const run: BundleRun = { id, files: {} };
    try {
      for (const f of RUN_FILES)
        if (existsSync(join(d, f)) || isLink(join(d, f))) run.files[f] = readNoFollow(join(d, f)).toString('utf8');
      const ck = checkpointDir(d, o.which ?? 'best');
      if (ck && ck !== d && !isRealDir(ck))
        return err(`${ck} is a symbolic link: links are not followed into a bundle`);
      if (ck) {
        run.checkpoint = {
          kind: basename(ck) === 'last' ? 'last' : 'best',
          modelJson: readNoFollow(join(ck, 'model.json')).toString('utf8'),
          weights: readNoFollow(join(ck, 'weights.bin')).toString('base64'),
        };
      }
    } catch (e) {
      return err(`cannot bundle run ${id}: ${(e as Error).message}`);
    }
    runs.push(run);
  }
  const name = basename(o.projectPath).replace(/(\.netloom)?\.json$/i, '') || 'project';
  const bundle: Bundle = { format: BUNDLE_FORMAT, version: 1, name, project, runs };
  mkdirSync(dirname(resolve(o.out)), { recursive: true });
  atomicWriteFile(o.out, JSON.stringify(bundle));
  return ok({ file: o.out, runs: runs.length });
}

/** Unpacks a bundle: the project at `projectPath`, its runs under `<project>.runs/<id>/`. */
export function openBundle(file: string, projectPath: string): Result<{ project: string; runDirs: string[] }> {
  let b: Bundle;
  try {
    b = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err(`${file} is not a readable bundle: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (b?.format !== BUNDLE_FORMAT || b.version !== 1 || typeof b.project !== 'string' || !Array.isArray(b.runs))
    return err(`${file} is not a Netloom bundle (format ${BUNDLE_FORMAT}, version 1)`);
  // Validated as a whole before anything is written: a damaged bundle writes nothing.
  const problem = checkBundleContent(file, b);
  if (problem) return err(problem);
  const created: string[] = [];
  try {
    return ok(unpack(b, projectPath, created));
  } catch (e) {
    for (const path of created.reverse()) rmSync(path, { recursive: true, force: true });
    return err(
      `cannot write the bundle's files beside ${projectPath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

/** Writes the bundle's files; `created` collects what did not exist before, to be removed if a write fails. */
function unpack(b: Bundle, projectPath: string, created: string[]): { project: string; runDirs: string[] } {
  const made = (path: string) => {
    if (!existsSync(path)) created.push(path);
  };
  made(dirname(resolve(projectPath)));
  mkdirSync(dirname(resolve(projectPath)), { recursive: true });
  made(projectPath);
  atomicWriteFile(projectPath, b.project);
  const runDirs: string[] = [];
  made(defaultRunsDir(projectPath));
  for (const r of b.runs) {
    const d = join(defaultRunsDir(projectPath), r.id);
    made(d);
    mkdirSync(d, { recursive: true });
    for (const f of RUN_FILES) {
      const text = r.files?.[f];
      if (typeof text === 'string') atomicWriteFile(join(d, f), text);
    }
    if (r.checkpoint) {
      const ck = join(d, r.checkpoint.kind);
      mkdirSync(ck, { recursive: true });
      atomicWriteFile(join(ck, 'weights.bin'), Buffer.from(r.checkpoint.weights, 'base64'));
      atomicWriteFile(join(ck, 'model.json'), r.checkpoint.modelJson);
    }
    runDirs.push(d);
  }
  return { project: projectPath, runDirs };
}
