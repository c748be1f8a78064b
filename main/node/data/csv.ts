/**
 * A CSV table from disk (see app/data/csv.ts for the format): a regular file of at most
 * NETLOOM_MAX_CSV_MB megabytes (see safe-read.ts), checked before it is read.
 */
import { resolve } from 'node:path';
import { parseCsv } from '../../../app/data/csv';
import type { ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { datasetLimits, overCap, readRegularFile } from './safe-read';

export async function loadCsv(
  path: string | undefined,
  label?: string,
  onProgress?: ProgressFn,
): Promise<Result<SourceSplits>> {
  if (!path) return err('csv: give the table, as --dataset csv:PATH (a CSV file with a header row).');
  const file = resolve(path);
  const cap = datasetLimits().csvBytes;
  onProgress?.({ phase: 'read csv', done: 0, total: 1 });
  const bytes = await readRegularFile(file, cap, (p, n) => overCap(p, n, cap, 'NETLOOM_MAX_CSV_MB', 'the CSV file'));
  if (!bytes.ok) return bytes;
  onProgress?.({ phase: 'parse csv', done: 0, total: 1 });
  const ds = parseCsv(bytes.value.toString('utf8'), file, { label });
  if (!ds.ok) return ds;
  onProgress?.({ phase: 'parse csv', done: 1, total: 1 });
  return ok({ name: `csv:${path}`, train: ds.value });
}
