import { describe, expect, it } from 'vitest';
import { kFoldDatasets, summarizeFolds } from './kfold';
import type { Dataset } from './types';

const ds: Dataset = {
  shape: [1],
  x: Float32Array.from({ length: 50 }, (_, i) => i),
  y: Int32Array.from({ length: 50 }, (_, i) => (i < 40 ? 0 : 1)),
  n: 50,
  classes: ['a', 'b'],
};

describe('k-fold datasets', () => {
  it('every sample is validated exactly once; stratified folds keep the 4:1 class ratio', () => {
    const r = kFoldDatasets(ds, 5, 3);
    if (!r.ok) throw new Error(r.error);
    const seen = new Map<number, number>();
    for (const f of r.value) {
      expect(f.train.n + f.val.n).toBe(50);
      for (const v of f.val.x) seen.set(v, (seen.get(v) ?? 0) + 1);
      expect(Array.from(f.val.y).filter((l) => l === 1)).toHaveLength(2);
      const inTrain = new Set(f.train.x);
      for (const v of f.val.x) expect(inTrain.has(v)).toBe(false);
    }
    expect(seen.size).toBe(50);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });
  it('summaries: mean, sample std, best fold', () => {
    const s = summarizeFolds('val_acc', [0.9, 0.8, 0.85], true);
    expect(s.mean).toBeCloseTo(0.85, 10);
    expect(s.std).toBeCloseTo(0.05, 10);
    expect(s.best_fold).toBe(1);
    expect(summarizeFolds('val_loss', [0.3, 0.2, 0.4], false).best_fold).toBe(2);
    expect(summarizeFolds('x', [1], true).std).toBe(0);
  });
});
