/**
 * A run killed mid-epoch (SIGKILL of `netloom train`) keeps its metrics up to the last reported
 * batch and its last checkpoint, and `netloom train --resume RUN_DIR` finishes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { GraphBuilder } from '../../../app/templates/builder';
import { readMetrics } from '../runs/run';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function killInEpoch(args: string[], runDir: string, epoch: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'train', ...args], { stdio: 'ignore' });
    const poll = setInterval(() => {
      const inEpoch = readMetrics(runDir).some((m) => m.event === 'batch' && m.epoch === epoch);
      if (inEpoch) child.kill('SIGKILL');
    }, 20);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`netloom train ended by itself (${code}) before epoch ${epoch}`));
    });
  });
}

describe('netloom train killed mid-epoch', () => {
  it('keeps metrics and the last checkpoint, and --resume finishes the run', async () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([1, 28, 28]), [
      ['AvgPool2d', { kernel_size: 4 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const project = join(dir, 'tiny.netloom.json');
    writeFileSync(
      project,
      serializeProject({ ...b.build(), dataset: { name: 'synthetic', trainSize: 4000, testSize: 100 } }),
    );
    const run = join(dir, 'run');
    await killInEpoch(
      [project, '--backend', 'cpu', '--epochs', '4', '--batch-size', '10', '--seed', '5', '--out', run],
      run,
      2,
    );

    const metrics = readMetrics(run);
    const epochs = metrics.filter((m) => m.event === 'epoch').map((m) => m.epoch);
    expect(epochs).toEqual([1]);
    expect(metrics.filter((m) => m.event === 'batch' && m.epoch === 2).length).toBeGreaterThan(0);
    const ck = JSON.parse(readFileSync(join(run, 'last', 'model.json'), 'utf8'));
    expect(ck.userDefinedMetadata.netloom.epoch).toBe(1);
    expect(existsSync(join(run, 'last', 'optimizer.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(run, 'run.json'), 'utf8'))).toMatchObject({
      status: 'running',
      epochs_done: 1,
    });

    const r = spawnSync(process.execPath, [bin, 'train', '--resume', run, '--json', '--backend', 'cpu'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.event === 'start')).toMatchObject({ resumed_from: 1 });
    expect(lines.filter((l) => l.event === 'epoch').map((l) => l.epoch)).toEqual([2, 3, 4]);
    expect(lines[lines.length - 1]).toMatchObject({ event: 'done', status: 'completed' });
    const after = readMetrics(run)
      .filter((m) => m.event === 'epoch')
      .map((m) => m.epoch);
    expect(after).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(readFileSync(join(run, 'run.json'), 'utf8'))).toMatchObject({
      status: 'completed',
      epochs_done: 4,
    });
  }, 300_000);
});
