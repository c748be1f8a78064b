/** The curve detectors on real runs recorded with `netloom train --json` (fixtures/, see scripts/doctor-fixtures.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseRun } from '.';
import { seriesFromMetrics } from './from-run';

function recorded(name: string) {
  const j = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as {
    metrics: Record<string, unknown>[];
    info: { status?: string; message?: string };
  };
  return diagnoseRun(seriesFromMetrics(j.metrics, j.info, 10));
}

describe('recorded runs (Fashion-MNIST)', () => {
  it('LeNet-5 with SGD lr 1.0 diverges: NaN at batch 10, at lr 1', () => {
    const d = recorded('lenet5-lr1-diverges');
    expect(d.map((x) => x.id)).toEqual(['divergence']);
    expect(d[0].facts).toEqual({ at: 10, lr: 1 });
    expect(d[0].remedies[0]).toBe('lower-lr');
  });

  it('a wide MLP on 1,000 samples overfits from epoch 4, with a gap over 1', () => {
    const d = recorded('wide-mlp-1000-overfits');
    expect(d.map((x) => x.id)).toEqual(['overfitting']);
    expect(d[0].facts.opened).toBe(4);
    expect(d[0].facts.gap).toBeGreaterThan(1);
  });

  it('LeNet-5 with SGD lr 0.01, momentum 0.9: no false alarm', () => {
    expect(recorded('lenet5-healthy')).toEqual([]);
  });
});
