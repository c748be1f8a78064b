import { describe, expect, it } from 'vitest';
import { syntheticDataset, syntheticSource } from './synthetic';

describe('synthetic shapes', () => {
  it('is seeded, balanced, 1x28x28 in [0, 1]', () => {
    const a = syntheticDataset(200, 5);
    const b = syntheticDataset(200, 5);
    expect(a.x).toEqual(b.x);
    expect(a.shape).toEqual([1, 28, 28]);
    expect(a.classes).toHaveLength(10);
    const counts = new Array(10).fill(0);
    for (const l of a.y) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(20));
    expect(a.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(syntheticDataset(200, 6).x).not.toEqual(a.x);
  });
  it('classes are separable: nearest class mean of train classifies test far above chance', () => {
    const { train, test } = syntheticSource(2000, 500, 3);
    if (!test) throw new Error('no test split');
    const size = 784;
    const means = Array.from({ length: 10 }, () => new Float64Array(size));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < train.n; i++) {
      counts[train.y[i]]++;
      for (let j = 0; j < size; j++) means[train.y[i]][j] += train.x[i * size + j];
    }
    means.forEach((m, c) => m.forEach((v, j) => (m[j] = v / counts[c])));
    let right = 0;
    for (let i = 0; i < test.n; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let c = 0; c < 10; c++) {
        let d = 0;
        for (let j = 0; j < size; j++) d += (test.x[i * size + j] - means[c][j]) ** 2;
        if (d < bestD) [bestD, best] = [d, c];
      }
      if (best === test.y[i]) right++;
    }
    // a linear template matcher, far weaker than a CNN, still beats chance (10%) by a wide margin
    expect(right / test.n).toBeGreaterThan(0.35);
  });
});
