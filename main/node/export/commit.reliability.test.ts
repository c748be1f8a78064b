/**
 * An export is written whole or not at all: a failure midway (injected with NETLOOM_EXPORT_FAULT)
 * leaves the old export intact and no temporary file; an invalid setting or a lack of memory is
 * refused before anything is written; a killed export is dropped or completed at the next start;
 * SIGKILLs at random moments of a real `netloom export` never leave files of two exports mixed.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { buildLeNet5 as lenet5 } from '../../../app/templates/lenet';
import { buildMlp as mlp } from '../../../app/templates/mlp';
import { recoverExports } from './commit';
import { exportProject } from './export';

const root = mkdtempSync(join(tmpdir(), 'netloom-commit-'));
const journal = join(root, 'state', 'pending-exports');
const BIN = join(process.cwd(), 'bin/netloom');
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => delete process.env.NETLOOM_EXPORT_FAULT);
beforeAll(() => {
  process.env.NETLOOM_DATA_DIR = join(root, 'state');
});

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Every file under `dir` (relative path -> sha256). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = digest(join(d, e.name));
    }
  };
  walk(dir, '');
  return out;
}
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
const leftovers = (dir: string) => readdirSync(dir).filter((n) => /tmp|export-(tmp|old)/.test(n));

describe('exports committed whole', () => {
  it('a failure midway leaves the old export intact and no temporary or staging file', async () => {
    const out = join(root, 'mid');
    const first = await exportProject({ graph: mlp(), format: 'all', outDir: out });
    expect(first.ok).toBe(true);
    const before = snapshot(out);
    for (const step of ['tfjs', 'onnx', 'model.py', 'model.safetensors']) {
      process.env.NETLOOM_EXPORT_FAULT = `throw@${step}`;
      const r = await exportProject({ graph: lenet5(), format: 'all', outDir: out });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(new RegExp(`injected export fault after ${step.replace('.', '\\.')}`));
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(root)).toEqual([]);
      expect(readdirSync(journal)).toEqual([]);
    }
  });

  it('replaces an old export only when the new one is complete, leaving other files alone', async () => {
    const out = join(root, 'replace');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await exportProject({ graph: mlp(), format: 'pytorch', outDir: out });
    // Stale temporary files of a killed writer of an earlier version go at the next export.
    const dead = deadPid();
    writeFileSync(join(out, `model.safetensors.tmp-${dead}`), 'x');
    writeFileSync(join(out, `.weights.bin.${dead}.0a1b2c.tmp`), 'x');
    const r = await exportProject({ graph: lenet5(), format: 'pytorch', outDir: out });
    expect(r.ok).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['model.py', 'model.safetensors', 'notes.txt', 'train.py']);
    expect(readFileSync(join(out, 'model.py'), 'utf8')).toMatch(/class LeNet5/);
    expect(r.ok && r.value.files).toEqual(['model.py', 'model.safetensors', 'train.py'].map((f) => join(out, f)));
  });

  it('refuses an invalid setting (lr = Infinity) and a lack of memory before writing anything', async () => {
    const bad: Graph = { ...mlp(), training: { lr: Infinity } };
    const out = join(root, 'invalid');
    const r = await exportProject({ graph: bad, format: 'all', outDir: out });
    expect(!r.ok && r.error).toMatch(/training setting 'lr'.*fix "training"/);
    expect(existsSync(out)).toBe(false);
    const m = await exportProject({ graph: mlp(), format: 'onnx', outDir: out, memoryBudget: 2 ** 20 });
    expect(!m.ok && m.error).toMatch(/exporting to onnx needs about \d+ MiB .* more than the 1 MiB available/);
    expect(existsSync(out)).toBe(false);
  });

  it('the next start drops an export killed while writing, and completes one killed between its renames', async () => {
    const out = join(root, 'killed');
    await exportProject({ graph: mlp(), format: 'pytorch', outDir: out });
    const before = snapshot(out);
    const project = join(root, 'lenet.json');
    writeFileSync(project, serializeProject(lenet5()));
    const env = { ...process.env, NETLOOM_EXPORT_FAULT: 'exit@model.safetensors' };
    const r = spawnSync(BIN, ['export', project, '--format', 'pytorch', '--out', out], { env, encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(leftovers(root)).toHaveLength(1); // its staging folder
    expect(recoverExports(journal)).toEqual([`removed the unfinished export to ${out}`]);
    expect(leftovers(root)).toEqual([]);
    expect(snapshot(out)).toEqual(before);

    // A writer killed after moving model.py in, before the other two: the next start moves them.
    const staging = join(root, `.killed.export-tmp-${deadPid()}-00ff00ff`);
    mkdirSync(staging);
    for (const f of ['model.safetensors', 'train.py']) writeFileSync(join(staging, f), `new ${f}`);
    writeFileSync(join(out, 'model.py'), 'new model.py');
    const tag = staging.replace(/^.*export-tmp-/, '');
    writeFileSync(join(out, `.model.py.export-old-${tag}`), 'old model.py');
    const pid = Number(tag.split('-')[0]);
    writeFileSync(
      join(journal, `${tag}.json`),
      JSON.stringify({
        pid,
        target: out,
        staging,
        tag,
        state: 'committing',
        entries: ['model.py', 'model.safetensors', 'train.py'],
      }),
    );
    expect(recoverExports(journal)).toEqual([`completed the export to ${out} that was interrupted`]);
    expect(readdirSync(out).sort()).toEqual(['model.py', 'model.safetensors', 'train.py']);
    for (const f of ['model.py', 'model.safetensors', 'train.py'])
      expect(readFileSync(join(out, f), 'utf8')).toBe(`new ${f}`);
    expect(leftovers(root)).toEqual([]);
  });

  it('SIGKILL at random moments of netloom export leaves the old export or the new one, never a mix', async () => {
    const out = join(root, 'sigkill');
    const projects = { old: mlp(), new: lenet5() };
    const sets: Record<string, Record<string, string>> = {};
    for (const [k, g] of Object.entries(projects)) {
      const dir = join(root, `ref-${k}`);
      await exportProject({ graph: g, format: 'all', outDir: dir });
      sets[k] = snapshot(dir);
    }
    const project = join(root, 'lenet-kill.json');
    writeFileSync(project, serializeProject(projects.new));
    for (const delay of [400, 1200, 2000, 2800]) {
      rmSync(out, { recursive: true, force: true });
      await exportProject({ graph: projects.old, format: 'all', outDir: out });
      const child = spawn(BIN, ['export', project, '--format', 'all', '--out', out], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      await promisify(execFile)(BIN, ['templates']); // the next start recovers
      const now = snapshot(out);
      expect([sets.old, sets.new]).toContainEqual(now);
      expect(leftovers(root)).toEqual([]);
    }
  });
});
