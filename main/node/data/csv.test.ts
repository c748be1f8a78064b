import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from './index';

describe('loadSource csv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-csv-'));
  it('loads a table file as the train split', async () => {
    const f = join(dir, 'xor.csv');
    writeFileSync(f, 'x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n');
    const r = await loadSource({ name: 'csv', path: f, label: 'y' });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.n).toBe(4);
    expect(r.value.train.shape).toEqual([2]);
    expect(r.value.test).toBeUndefined();
  });
  it('a missing file or path is a clear error', async () => {
    expect((await loadSource({ name: 'csv', path: join(dir, 'no.csv') }) as { error: string }).error).toMatch(/no\.csv: file not found/);
    expect((await loadSource({ name: 'csv' }) as { error: string }).error).toMatch(/csv:PATH/);
  });
});
