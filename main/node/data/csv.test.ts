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
    expect(((await loadSource({ name: 'csv', path: join(dir, 'no.csv') })) as { error: string }).error).toMatch(
      /no\.csv: file not found/,
    );
    expect(((await loadSource({ name: 'csv' })) as { error: string }).error).toMatch(/csv:PATH/);
  });
});

describe('parseSourceArg', () => {
  it('reads the CLI forms', async () => {
    const { parseSourceArg } = await import('./index');
    expect(parseSourceArg('mnist')).toEqual({ ok: true, value: { name: 'mnist' } });
    expect(parseSourceArg('folder:/data/pets')).toEqual({ ok: true, value: { name: 'folder', path: '/data/pets' } });
    expect(parseSourceArg('csv:C:/x.csv')).toEqual({ ok: true, value: { name: 'csv', path: 'C:/x.csv' } });
    expect((parseSourceArg('folder:') as { error: string }).error).toMatch(/give the path, as folder:PATH/);
    expect((parseSourceArg('mnist:x') as { error: string }).error).toMatch(/not known/);
    expect((parseSourceArg('svhn') as { error: string }).error).toMatch(/'svhn' is not known/);
  });
});
