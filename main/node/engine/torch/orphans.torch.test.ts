/**
 * No Python is left behind: `netloom train --engine torch` (one process, and torchrun with two)
 * killed with SIGKILL, or quit with Ctrl-C twice, leaves no process of its tree running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../../app/graph/schema';
import { lenetRequest } from './testing';

const bin = fileURLToPath(new URL('../../../../bin/netloom', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-orphans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes started for the netloom process `pid` (the runner and torchrun carry NETLOOM_PARENT_PID). */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/environ`, 'latin1').split('\0').includes(`NETLOOM_PARENT_PID=${pid}`))
        out.push(Number(p));
    } catch {
      // gone, or not ours
    }
  }
  return out;
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 100));
}

function project(): string {
  const req = lenetRequest({});
  const path = join(dir, 'lenet.netloom.json');
  writeFileSync(
    path,
    serializeProject({ ...req.graph, dataset: { name: 'synthetic', trainSize: 320, testSize: 160 } }),
  );
  return path;
}

/** Starts a long training run and resolves once Python reported its first epoch. */
async function startRun(extra: string[]) {
  const child = spawn(
    process.execPath,
    [
      bin,
      'train',
      project(),
      '--engine',
      'torch',
      '--epochs',
      '500',
      '--batch-size',
      '16',
      '--json',
      '--out',
      join(dir, `run-${Date.now()}`),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await until(() => out.includes('"event":"epoch"') || child.exitCode !== null);
  const pid = child.pid as number;
  return { child, pid, exited, running: children(pid) };
}

describe('PyTorch engine: no orphan processes', { timeout: 600_000 }, () => {
  it('SIGKILL of netloom (one process, then torchrun with two ranks) takes Python down with it', async () => {
    for (const extra of [[], ['--nproc', '2']]) {
      const run = await startRun(extra);
      expect(run.running.length, `${extra.join(' ')}: python processes before the kill`).toBeGreaterThanOrEqual(
        extra.length ? 3 : 1,
      );
      run.child.kill('SIGKILL');
      await run.exited;
      await until(() => children(run.pid).length === 0);
      expect(children(run.pid)).toEqual([]);
    }
  });

  it('Ctrl-C twice (netloom quits at once) kills the process group on exit', async () => {
    const run = await startRun([]);
    expect(run.running.length).toBeGreaterThanOrEqual(1);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    await run.exited;
    // The exit hook kills the group synchronously: nothing is left when netloom is gone.
    await until(() => children(run.pid).length === 0);
    expect(children(run.pid)).toEqual([]);
  });
});
