/** A CSV table from disk (see app/data/csv.ts for the format). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv } from '../../../app/data/csv';
import type { ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';

export function loadCsv(path: string | undefined, label?: string, onProgress?: ProgressFn): Result<SourceSplits> {
  if (!path) return err('csv: give the table, as --dataset csv:PATH (a CSV file with a header row).');
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(code === 'ENOENT' ? `${file}: file not found.` : `${file}: cannot be read (${code ?? (e as Error).message}).`);
  }
  onProgress?.({ phase: 'parse csv', done: 0, total: 1 });
  const ds = parseCsv(text, file, { label });
  if (!ds.ok) return ds;
  onProgress?.({ phase: 'parse csv', done: 1, total: 1 });
  return ok({ name: `csv:${path}`, train: ds.value });
}
