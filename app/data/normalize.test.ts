import { describe, expect, it } from 'vitest';
import { computeStats, MNIST_STATS, normalize } from './normalize';
import type { Dataset } from './types';
import { allSamples } from './samples';

const rgb: Dataset = {
  shape: [2, 1, 2],
  // sample 0: c0 = [0, 1], c1 = [2, 2]; sample 1: c0 = [1, 0], c1 = [4, 4]
  x: Float32Array.from([0, 1, 2, 2, 1, 0, 4, 4]),
  y: Int32Array.from([0, 1]),
  n: 2,
  classes: ['a', 'b'],
};

describe('normalize', () => {
  it('computes per-channel mean and population std', () => {
    const s = computeStats(rgb);
    expect(s.mean).toEqual([0.5, 3]);
    expect(s.std).toEqual([0.5, 1]);
  });
  it('normalizes to zero mean and unit std with computed stats', () => {
    const r = normalize(rgb);
    if (!r.ok) throw new Error(r.error);
    expect(Array.from(allSamples(r.value.dataset))).toEqual([-1, 1, -1, -1, 1, -1, 1, 1]);
    // Normalized on every read: the stored values are shared, not copied or changed.
    expect(r.value.dataset.x).toBe(rgb.x);
    expect(Array.from(rgb.x)).toEqual([0, 1, 2, 2, 1, 0, 4, 4]);
  });
  it('applies the seed Normalize((0.1307,), (0.3081,)) to one channel', () => {
    const r = normalize(
      { shape: [1, 1, 2], x: Float32Array.from([0, 1]), y: new Int32Array(1), n: 1, classes: [] },
      MNIST_STATS,
    );
    if (!r.ok) throw new Error(r.error);
    const x = allSamples(r.value.dataset);
    expect(x[0]).toBeCloseTo(-0.1307 / 0.3081, 6);
    expect(x[1]).toBeCloseTo((1 - 0.1307) / 0.3081, 6);
  });
  it('rejects wrong channel counts and zero std', () => {
    expect((normalize(rgb, { mean: [0, 0, 0], std: [1, 1, 1] }) as { error: string }).error).toMatch(
      /2 channel\(s\) but mean has 3/,
    );
    expect((normalize(rgb, { mean: [0], std: [0] }) as { error: string }).error).toMatch(/std must be above 0/);
  });
});
