import { describe, expect, it } from 'vitest';
import { prepareData } from './prepare';
import { parseDatasetSettings, sourceSpecOf } from './settings';
import { syntheticDataset } from './synthetic';
import type { SourceSplits } from './types';
import { allSamples } from './samples';

const settings = (v: unknown) => {
  const r = parseDatasetSettings(v);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('dataset settings', () => {
  it('defaults to the synthetic set, auto normalization, stratified, no augmentation', () => {
    const s = settings({});
    expect(s).toMatchObject({
      name: 'synthetic',
      normalize: 'auto',
      augment: '',
      stratified: true,
      testSplit: 0.1,
      limit: null,
    });
    expect(sourceSpecOf(settings({ name: 'mnist', dataDir: '/d' }))).toMatchObject({ name: 'mnist', dataDir: '/d' });
  });
  it('names the bad setting', () => {
    expect((parseDatasetSettings({ name: 'imagenet' }) as { error: string }).error).toMatch(/^dataset\.name:/);
    expect((parseDatasetSettings({ augment: 'blur' }) as { error: string }).error).toMatch(
      /^dataset\.augment: augment 'blur' is not known/,
    );
    expect((parseDatasetSettings({ name: 'csv' }) as { error: string }).error).toMatch(
      /^dataset\.path: a 'csv' dataset needs/,
    );
    expect((parseDatasetSettings({ normalize: { mean: [0.1], std: [0] } }) as { error: string }).error).toMatch(
      /^dataset\.normalize/,
    );
  });
});

describe('prepareData', () => {
  const src: SourceSplits = { name: 'synthetic', train: syntheticDataset(1000, 1), test: syntheticDataset(200, 2) };
  it('splits train/val stratified, keeps the source test split, normalizes with train statistics', () => {
    const before = src.test!.x.slice(0, 10);
    const r = prepareData(src, settings({}), 0.2, 3);
    if (!r.ok) throw new Error(r.error);
    const { train, val, test, stats } = r.value;
    expect([train.n, val?.n, test?.n]).toEqual([800, 200, 200]);
    const counts = new Array(10).fill(0);
    for (const l of val!.y) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(20));
    let m = 0;
    const values = allSamples(train);
    for (const v of values) m += v;
    expect(Math.abs(m / values.length)).toBeLessThan(1e-4);
    expect(stats!.mean[0]).toBeGreaterThan(0.1);
    expect(src.test!.x.slice(0, 10)).toEqual(before);
    // The source's test split is normalized on read, not copied.
    expect(test!.x).toBe(src.test!.x);
    expect(allSamples(test!)[0]).toBeCloseTo((before[0] - stats!.mean[0]) / stats!.std[0], 5);
  });
  it('carves a test split when the source has none; limit; given stats; none', () => {
    const noTest: SourceSplits = { name: 'csv', train: src.train };
    const r = prepareData(
      noTest,
      settings({ testSplit: 0.25, limit: 300, normalize: { mean: [0.1307], std: [0.3081] } }),
      0.1,
      1,
    );
    if (!r.ok) throw new Error(r.error);
    expect([r.value.train.n, r.value.val?.n, r.value.test?.n]).toEqual([270, 30, 250]);
    expect(r.value.stats).toEqual({ mean: [0.1307], std: [0.3081] });
    const raw = prepareData(src, settings({ normalize: 'none' }), 0, 1);
    expect(raw.ok && raw.value.stats).toBe(null);
    expect(raw.ok && raw.value.train).toBe(src.train);
    const bad = prepareData(src, settings({ normalize: { mean: [0, 0, 0], std: [1, 1, 1] } }), 0.1, 1);
    expect(!bad.ok && bad.error).toMatch(/dataset\.normalize: normalize: the data has 1 channel/);
  });
});
