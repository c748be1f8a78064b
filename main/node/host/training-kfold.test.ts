/**
 * K-fold from the host: train.start with kfold: 2 on a small synthetic set trains both folds,
 * every started/progress event names its fold, one train.done ends the session, and runs.list
 * returns the kfold-<id> folder as one entry with both folds, mean and std (from kfold.json).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';
import type { EventPayload, RunSummary } from '../../../app/protocol';
import type { z } from 'zod';
import { makeHost, tempDir, until } from './test-host';

describe('K-fold from the host', () => {
  it('trains K=2 folds, streams the fold, lists the run with its folds and mean ± std', async () => {
    const g = buildTemplate('mlp');
    if (!g.ok) throw new Error(g.error);
    const text = serializeProject({ ...g.value, dataset: { name: 'synthetic', trainSize: 200, testSize: 40 } });
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const r = await host.call('train.start', {
      text,
      training: { epochs: 1, batch_size: 20, seed: 3 },
      backend: 'cpu',
      kfold: 2,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const done = await until(
      () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'completed', epochsDone: 1 });
    expect(host.events.filter((e) => e.event === 'train.done')).toHaveLength(1);
    // train.done names the best fold's run folder (Evaluation and Modules open it); its parent is kfold-<id>/.
    const parent = dirname(done.runDir!);
    expect(parent.startsWith(join(ws, 'untitled.runs', 'kfold-'))).toBe(true);
    expect(done.message).toContain(basename(parent));
    expect(existsSync(join(parent, 'kfold.json'))).toBe(true);
    const started = host.events
      .filter((e) => e.event === 'train.started')
      .map((e) => e.payload as EventPayload<'train.started'>);
    expect(started.map((s) => [s.fold, s.folds])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(started[1].runDir).toBe(join(parent, 'fold-2'));
    const progress = host.events
      .filter((e) => e.event === 'train.progress')
      .map((e) => e.payload as EventPayload<'train.progress'>);
    expect(new Set(progress.map((p) => p.fold))).toEqual(new Set([1, 2]));
    expect(progress.every((p) => p.folds === 2)).toBe(true);

    const list = await host.call('runs.list', {});
    expect(list.ok).toBe(true);
    const runs = (list as { value: z.infer<typeof RunSummary>[] }).value;
    expect(runs).toHaveLength(1);
    const kf = runs[0];
    expect(kf).toMatchObject({ dir: parent, status: 'completed', epochs_done: 2, epochs: 2, dataset: 'synthetic' });
    expect(kf.kfold!.k).toBe(2);
    expect(kf.kfold!.folds.map((f) => [f.fold, f.dir, f.status])).toEqual([
      [1, join(parent, 'fold-1'), 'completed'],
      [2, join(parent, 'fold-2'), 'completed'],
    ]);
    const accs = kf.kfold!.folds.map((f) => f.val_acc!);
    expect(accs.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(kf.kfold!.mean!.val_acc).toBeCloseTo((accs[0] + accs[1]) / 2, 6);
    // Sample std (n - 1) of two values: |a - b| / sqrt(2).
    expect(kf.kfold!.std!.val_acc).toBeCloseTo(Math.abs(accs[0] - accs[1]) / Math.SQRT2, 6);
    expect(kf.kfold!.best_fold).toBe(accs[0] >= accs[1] ? 1 : 2);
    expect(done.runDir).toBe(join(parent, `fold-${kf.kfold!.best_fold}`));
    expect(kf.test!.acc).toBeCloseTo(done.testAcc!, 6);
    // A fold is a normal run folder: its details read as any run's.
    expect(await host.call('runs.get', { runDir: kf.kfold!.folds[0].dir })).toMatchObject({ ok: true });
    expect(await host.call('runs.delete', { runDir: kf.dir })).toEqual({ ok: true, value: { ok: true } });
    expect(existsSync(kf.dir)).toBe(false);
  });

  it('refuses K < 2 and K-fold with resume', async () => {
    const host = await makeHost({ kind: 'web', workspace: await tempDir() });
    const g = buildTemplate('mlp');
    if (!g.ok) throw new Error(g.error);
    const text = serializeProject(g.value);
    expect(await host.call('train.start', { text, kfold: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await host.call('train.start', { text, kfold: 2, resume: '/tmp' })).toMatchObject({ ok: false });
  });
});
