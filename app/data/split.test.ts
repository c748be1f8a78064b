import { describe, expect, it } from 'vitest';
import { kFold, resolveLengths, splitDataset, splitIndices } from './split';
import type { Dataset } from './types';

function toy(n: number, classes = 3, imbalance = false): Dataset {
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = imbalance ? (i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2) : i % classes;
  const x = Float32Array.from({ length: n * 2 }, (_, i) => Math.floor(i / 2));
  return { shape: [2], x, y, n, classes: ['a', 'b', 'c'] };
}

describe('splits', () => {
  it('resolves counts and fractions as random_split does', () => {
    expect(resolveLengths(60000, [50000, 10000])).toEqual({ ok: true, value: [50000, 10000] });
    expect(resolveLengths(10, [0.5, 0.3, 0.2])).toEqual({ ok: true, value: [5, 3, 2] });
    expect(resolveLengths(11, [0.5, 0.5])).toEqual({ ok: true, value: [6, 5] });
    expect(resolveLengths(10, [5, 4]).ok).toBe(false);
  });
  it('the seed split of 60000 into 50000/10000 is disjoint, complete and seeded', () => {
    const a = splitIndices(60000, [50000, 10000], { seed: 3 });
    const b = splitIndices(60000, [50000, 10000], { seed: 3 });
    const c = splitIndices(60000, [50000, 10000], { seed: 4 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('split');
    expect(a.value.map((p) => p.length)).toEqual([50000, 10000]);
    expect(new Set([...a.value[0], ...a.value[1]]).size).toBe(60000);
    expect(a.value[1]).toEqual(b.value[1]);
    expect(Array.from(a.value[1].slice(0, 20))).not.toEqual(Array.from(c.value[1].slice(0, 20)));
  });
  it('carries samples and labels together', () => {
    const ds = toy(30);
    const r = splitDataset(ds, [0.6, 0.2, 0.2], { seed: 1 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((d) => d.n)).toEqual([18, 6, 6]);
    for (const part of r.value) {
      for (let k = 0; k < part.n; k++) expect(ds.y[part.x[2 * k]]).toBe(part.y[k]);
    }
  });
  it('stratified parts keep the class shares of an imbalanced set', () => {
    const ds = toy(1000, 3, true);
    const r = splitDataset(ds, [800, 100, 100], { seed: 7, stratified: true });
    if (!r.ok) throw new Error(r.error);
    for (const part of r.value) {
      const counts = [0, 0, 0];
      for (const l of part.y) counts[l]++;
      const share = [0.7, 0.2, 0.1].map((s) => s * part.n);
      counts.forEach((c, i) => expect(Math.abs(c - share[i])).toBeLessThanOrEqual(1));
    }
    const all = new Set<number>();
    for (const part of r.value) for (let k = 0; k < part.n; k++) all.add(part.x[2 * k]);
    expect(all.size).toBe(1000);
  });
});

describe('kFold', () => {
  it('validates every sample exactly once, folds near-equal, train = the rest', () => {
    for (const labels of [undefined, toy(103).y]) {
      const r = kFold(103, 5, 9, labels);
      if (!r.ok) throw new Error(r.error);
      const seen = new Int32Array(103);
      for (const f of r.value) {
        for (const i of f.val) seen[i]++;
        expect(f.train.length + f.val.length).toBe(103);
        expect(new Set([...f.train, ...f.val]).size).toBe(103);
      }
      expect(Array.from(seen).every((v) => v === 1)).toBe(true);
      expect(r.value.map((f) => f.val.length).sort()).toEqual([20, 20, 21, 21, 21]);
    }
  });
  it('is seeded and rejects bad K', () => {
    expect(kFold(50, 5, 1)).toEqual(kFold(50, 5, 1));
    expect(kFold(50, 5, 1)).not.toEqual(kFold(50, 5, 2));
    expect(kFold(3, 5).ok).toBe(false);
    expect(kFold(30, 1).ok).toBe(false);
  });
});
