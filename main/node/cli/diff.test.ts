/** `netloom diff A B [--json]` spawned as a person runs it: project files, run folders, K-fold folders, bad input. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-diff-'));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function project(template: string, training: Record<string, unknown> = {}): string {
  const g = buildTemplate(template);
  if (!g.ok) throw new Error(g.error);
  const file = join(dir, `${template}-${Object.keys(training).join('-') || 'plain'}.netloom.json`);
  writeFileSync(file, serializeProject({ ...g.value, training }));
  return file;
}

function runFolder(name: string, template: string, training: Record<string, unknown>): string {
  const g = buildTemplate(template);
  if (!g.ok) throw new Error(g.error);
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'graph.json'), serializeProject(g.value));
  writeFileSync(join(d, 'settings.json'), JSON.stringify({ training, dataset: { name: 'synthetic' } }));
  return d;
}

describe('netloom diff', () => {
  it('two project files: the added layers, then the totals', async () => {
    const r = await netloom('diff', project('vgg11'), project('vgg13'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ Conv2d features.2 (out_channels=64, kernel_size=3, padding=1)');
    expect(r.stdout).toContain('4 added, 0 removed, 0 changed, 0 moved, 31 unchanged; 0 setting(s) differ');
    expect(r.stdout).toMatch(/^params: 132,863,336 → 133,047,848 \(\+184,512\)/m);
  });

  it('a run folder against a K-fold folder, as JSON: settings that differ', async () => {
    const a = runFolder('run-a', 'lenet5', { lr: 0.01 });
    const k = join(dir, 'kfold-x');
    runFolder('kfold-x/fold-1', 'lenet5', { lr: 0.001, kfold: 5 });
    runFolder('kfold-x/fold-2', 'lenet5', { lr: 0.001, kfold: 5 });
    const r = await netloom('diff', a, k, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      b: string;
      nodes: unknown[];
      settings: { key: string; a: unknown; b: unknown }[];
    };
    expect(out.b).toBe(`K-fold run ${k} (2 folds)`);
    expect(out.nodes).toEqual([]);
    expect(out.settings).toEqual([
      { key: 'training.lr', a: 0.01, b: 0.001 },
      { key: 'training.kfold', a: null, b: 5 },
    ]);
  });

  it('unreadable input or bad usage: exit 2, one line naming the path', async () => {
    const missing = join(dir, 'nope.json');
    const r = await netloom('diff', project('lenet5'), missing);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`netloom diff: cannot read ${missing}: no such file or folder`]);
    expect((await netloom('diff', dir, dir)).stderr).toMatch(/is a folder but not a run folder/);
    expect((await netloom('diff', missing)).code).toBe(2);
  });
});
