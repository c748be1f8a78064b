import { describe, expect, it } from 'vitest';
import { defaultWeights, type RunInfo } from './defaultWeights';

const run = (
  id: string,
  status: string,
  finished: string,
  best: RunInfo['best'] = { epoch: 3, monitor: 'val_loss', value: 0.4 },
): RunInfo => ({ id, dir: `/p/runs/${id}`, status, created_at: '2026-01-01T00:00:00Z', finished_at: finished, best });

describe('the export dialog starts with trained weights', () => {
  it('picks the best checkpoint of the latest completed run, and says so', () => {
    const c = defaultWeights([
      run('a', 'completed', '2026-01-02T00:00:00Z'),
      run('b', 'early_stopped', '2026-01-04T00:00:00Z'),
      run('c', 'stopped', '2026-01-05T00:00:00Z'),
      run('d', 'failed', '2026-01-06T00:00:00Z'),
    ]);
    expect(c.value).toBe('best:/p/runs/b');
    expect(c.note).toMatch(/Best checkpoint of run b, the latest completed run/);
    expect(c.note).toMatch(/fresh initialization/);
  });

  it('falls back to fresh initialization without a completed run, saying why', () => {
    expect(defaultWeights([])).toMatchObject({ value: 'fresh', note: expect.stringMatching(/No training run/) });
    expect(
      defaultWeights([run('c', 'stopped', '2026-01-05T00:00:00Z'), run('x', 'completed', '2026-01-05T00:00:00Z', null)])
        .value,
    ).toBe('fresh');
  });
});
