/**
 * K-fold cross-validation: the fold data (disjoint validation parts covering train+val, the test
 * split untouched, statistics from the fold's training part) and startKFold end to end on the cpu
 * backend with K=3 on a tiny synthetic set (fold folders, kfold.json, mean/std, best weights,
 * evaluation.json in every fold).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStats } from '../../../app/data/normalize';
import { parseDatasetSettings } from '../../../app/data/settings';
import type { Dataset } from '../../../app/data/types';
import { GraphBuilder } from '../../../app/templates/builder';
import { parseTrainingSettings } from '../../../app/training/settings';
import { startKFold, type KFoldEvent, type KFoldStreamEvent } from './kfold';
import { prepareFoldData } from './kfold-data';
import { allSamples } from '../../../app/data/samples';

const root = mkdtempSync(join(tmpdir(), 'netloom-kfold-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 60 samples of shape [2]; sample i holds (i, label) so every sample can be told apart. */
function identifiable(n: number): Dataset {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    x[2 * i] = i;
    x[2 * i + 1] = y[i];
  }
  return { shape: [2], x, y, n, classes: ['a', 'b', 'c'] };
}

const ids = (d: Dataset) => Array.from({ length: d.n }, (_, i) => d.x[2 * i]);

describe('prepareFoldData', () => {
  const src = { name: 't', train: identifiable(60) };
  const settings = (normalize: unknown) => {
    const d = parseDatasetSettings({ name: 'csv', path: 'x.csv', testSplit: 0.2, normalize });
    if (!d.ok) throw new Error(d.error);
    return d.value;
  };

  it('validation parts are disjoint, cover train+val, never touch the test split', () => {
    const k = 4;
    const seen = new Set<number>();
    let testIds: number[] | null = null;
    for (let i = 1; i <= k; i++) {
      const r = prepareFoldData(src, settings('none'), 7, { k, index: i });
      if (!r.ok) throw new Error(r.error);
      const { train, val, test } = r.value;
      const v = ids(val as Dataset);
      const t = ids(test as Dataset);
      testIds ??= t;
      expect(t).toEqual(testIds);
      expect(r.value.pool).toBe(48);
      expect(train.n + (val as Dataset).n).toBe(48);
      for (const id of v) {
        expect(seen.has(id), `sample ${id} validated twice`).toBe(false);
        seen.add(id);
      }
      const inTrain = new Set(ids(train));
      for (const id of [...v, ...t]) expect(inTrain.has(id)).toBe(false);
    }
    expect(seen.size).toBe(48);
    for (const id of testIds ?? []) expect(seen.has(id)).toBe(false);
  });

  it('normalizes with statistics of the fold training part only', () => {
    const raw = prepareFoldData(src, settings('none'), 7, { k: 3, index: 2 });
    const norm = prepareFoldData(src, settings('auto'), 7, { k: 3, index: 2 });
    if (!raw.ok || !norm.ok) throw new Error('prepare');
    expect(norm.value.stats).toEqual(computeStats(raw.value.train));
    const s = norm.value.stats as { mean: number[]; std: number[] };
    const v0 = allSamples(raw.value.val as Dataset)[0];
    expect(allSamples(norm.value.val as Dataset)[0]).toBeCloseTo((v0 - s.mean[0]) / s.std[0], 4);
    expect(prepareFoldData(src, settings('none'), 7, { k: 3, index: 4 }).ok).toBe(false);
  });
});

describe('startKFold (cpu, K=3, synthetic)', () => {
  it('trains 3 folds and summarizes them', async () => {
    const b = new GraphBuilder('Tiny');
    b.chain(b.input([1, 28, 28]), [
      ['AvgPool2d', { kernel_size: 4 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const s = parseTrainingSettings({ epochs: 2, batch_size: 30, optimizer: 'adam', lr: 0.01, seed: 11 });
    const d = parseDatasetSettings({ name: 'synthetic', trainSize: 90, testSize: 30 });
    if (!s.ok || !d.ok) throw new Error('settings');
    const out = join(root, 'kf');
    const h = startKFold({ graph: b.build(), settings: s.value, dataset: d.value, backend: 'cpu', out }, 3);
    const events: KFoldStreamEvent[] = [];
    h.on((e) => events.push(e));
    const end = await h.done;
    if (end.event === 'error') throw new Error(end.message);
    const summary = JSON.parse(readFileSync(join(out, 'kfold.json'), 'utf8')) as KFoldEvent;
    expect(events[events.length - 1]).toEqual(end);
    expect(summary.folds.map((f) => f.fold)).toEqual([1, 2, 3]);
    // Folds: each trains on 2/3 of the 90 and validates on the rest; the 30 test samples untouched.
    expect(summary.folds.map((f) => f.val_size).reduce((a, x) => a + x, 0)).toBe(90);
    for (const f of summary.folds) {
      expect(f.train_size + f.val_size).toBe(90);
      expect(f.test_size).toBe(30);
      expect(f.run_dir).toBe(join(out, `fold-${f.fold}`));
      expect(existsSync(join(f.run_dir, 'evaluation.json'))).toBe(true);
      const ev = JSON.parse(readFileSync(join(f.run_dir, 'evaluation.json'), 'utf8')) as {
        accuracy: number;
        confusion: number[][];
      };
      expect(f.test_acc).toBe(ev.accuracy);
      expect(ev.confusion.flat().reduce((a, x) => a + x, 0)).toBe(30);
    }
    // Mean and sample std equal the per-fold values.
    for (const m of ['val_loss', 'val_acc', 'test_loss', 'test_acc'] as const) {
      const v = summary.folds.map((f) => f[m] as number);
      const mean = v.reduce((a, x) => a + x, 0) / 3;
      expect(summary.mean[m]).toBeCloseTo(mean, 10);
      expect(summary.std[m]).toBeCloseTo(Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / 2), 10);
    }
    const accs = summary.folds.map((f) => f.val_acc as number);
    expect(accs[summary.best_fold - 1]).toBe(Math.max(...accs));
    expect(summary.best_dir).toBe(join(out, 'best'));
    const bestRun = summary.folds[summary.best_fold - 1].run_dir;
    expect(readFileSync(join(out, 'best', 'weights.bin'))).toEqual(readFileSync(join(bestRun, 'best', 'weights.bin')));
    // Events are streamed with their fold; every fold's epochs arrive.
    for (const fold of [1, 2, 3])
      expect(events.filter((e) => e.event === 'epoch' && 'fold' in e && e.fold === fold)).toHaveLength(2);
  }, 120_000);

  it('refuses K below 2 as an error value', async () => {
    const b = new GraphBuilder('Tiny');
    b.chain(b.input([1, 28, 28]), [
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const s = parseTrainingSettings({});
    const d = parseDatasetSettings({ name: 'synthetic' });
    if (!s.ok || !d.ok) throw new Error('settings');
    const end = await startKFold(
      { graph: b.build(), settings: s.value, dataset: d.value, backend: 'cpu', out: join(root, 'k1') },
      1,
    ).done;
    expect(end).toEqual({ event: 'error', message: 'kfold: K must be an integer of at least 2, got 1.' });
  });
});
