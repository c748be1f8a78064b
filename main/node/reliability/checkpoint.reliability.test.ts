/**
 * The run checkpoint writer survives SIGKILL at any moment: after each kill the checkpoint folder
 * holds one whole epoch (weights, metadata epoch and optimizer state agree) and no staging folder
 * survives a recovery.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../runs/io-handler';
import { loadOptimizerState } from '../runs/optimizer-state';
import { recoverCheckpoints } from './checkpoint-commit';

const fixture = fileURLToPath(new URL('./checkpoint-writer.fixture.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'netloom-ck-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function killMidSave(dir: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited by itself (${code})`)),
    );
  });
}

function checkWhole(dir: string): number {
  const ck = readCheckpoint(dir);
  const epoch = Number(ck.metadata.epoch);
  expect(epoch).toBeGreaterThan(0);
  const w = new Float32Array(ck.data);
  expect(w.length).toBe(48 * 48 * 400 + 400 + 400 * 10 + 10);
  expect(
    w.every((v) => v === epoch),
    `weights of epoch ${epoch}`,
  ).toBe(true);
  const opt = loadOptimizerState(dir);
  expect(opt?.step).toBe(epoch);
  for (const slot of opt!.slots) for (const buf of slot) expect(buf!.every((v) => v === epoch)).toBe(true);
  return epoch;
}

describe('run checkpoint writer', () => {
  it('leaves one whole epoch after SIGKILL mid-save, many times', async () => {
    const run = join(root, 'run');
    const dir = join(run, 'last');
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      await killMidSave(dir, 20 + ((i * 97) % 400));
      recoverCheckpoints(run);
      seen.push(checkWhole(dir));
      expect(readdirSync(run)).toEqual(['last']);
    }
    expect(Math.max(...seen)).toBeGreaterThan(1);
  }, 120_000);

  it('recovers a checkpoint left between the two renames of a killed writer', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const run = join(root, 'between');
    const old = join(run, `best.old-${dead}-abcd1234`);
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'model.json'), '{}');
    mkdirSync(join(run, `best.tmp-${dead}-abcd1234`));
    mkdirSync(join(run, `last.tmp-${process.pid}-abcd1234`));
    recoverCheckpoints(run);
    expect(existsSync(join(run, 'best', 'model.json'))).toBe(true);
    expect(readdirSync(run).sort()).toEqual(['best', `last.tmp-${process.pid}-abcd1234`]);
  });
});
