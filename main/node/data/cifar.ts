/**
 * CIFAR-10 from its binary batches (`cifar-10-batches-bin/data_batch_{1..5}.bin`, `test_batch.bin`),
 * found in the folder the person gave, ./data, or the app cache.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCifarBatches } from '../../../app/data/cifar';
import type { ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { cacheDir, readError } from './files';

export const CIFAR_TRAIN = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST = 'test_batch.bin';
const SUB = 'cifar-10-batches-bin';

export function cifarSearchDirs(dataDir?: string): string[] {
  const dirs: string[] = [];
  if (dataDir) dirs.push(resolve(dataDir), resolve(dataDir, SUB));
  dirs.push(resolve('data', SUB), resolve('..', 'data', SUB), join(cacheDir('cifar10'), SUB));
  return [...new Set(dirs)];
}

export function locateCifar(dataDir?: string): Result<string> {
  const dirs = cifarSearchDirs(dataDir);
  const notes: string[] = [];
  for (const dir of dirs) {
    const missing = [...CIFAR_TRAIN, CIFAR_TEST].filter((f) => !existsSync(join(dir, f)));
    if (missing.length === 0) return ok(dir);
    if (missing.length < 6) notes.push(`${dir} lacks ${missing.join(', ')}`);
    if (existsSync(join(dir, 'data_batch_1')) || existsSync(join(dir, '..', 'cifar-10-batches-py'))) {
      notes.push(`${dir}: found the Python (pickle) version; Netloom reads the binary version (cifar-10-binary.tar.gz)`);
    }
  }
  return err(
    `cifar10: dataset files not found (${SUB}/data_batch_1.bin ... test_batch.bin). Looked in:\n${dirs.map((d) => `  ${d}`).join('\n')}\n` +
      (notes.length ? `${notes.join('\n')}\n` : '') +
      'Fix: pass --data-dir DIR (the extracted cifar-10-binary.tar.gz), or run with --download to fetch it into the cache.',
  );
}

async function readBatches(dir: string, files: string[], onProgress?: ProgressFn, done0 = 0, total = 6): Promise<Result<{ file: string; bytes: Uint8Array }[]>> {
  const out: { file: string; bytes: Uint8Array }[] = [];
  for (const [i, f] of files.entries()) {
    const file = join(dir, f);
    try {
      out.push({ file, bytes: new Uint8Array(await readFile(file)) });
    } catch (e) {
      return err(readError(file, e));
    }
    onProgress?.({ phase: 'read cifar10', done: done0 + i + 1, total });
  }
  return ok(out);
}

export async function loadCifarDir(dir: string, onProgress?: ProgressFn): Promise<Result<SourceSplits>> {
  const tr = await readBatches(dir, CIFAR_TRAIN, onProgress, 0);
  if (!tr.ok) return tr;
  const te = await readBatches(dir, [CIFAR_TEST], onProgress, 5);
  if (!te.ok) return te;
  const train = parseCifarBatches(tr.value);
  if (!train.ok) return train;
  const test = parseCifarBatches(te.value);
  if (!test.ok) return test;
  return ok({ name: 'cifar10', train: train.value, test: test.value });
}

export async function loadCifar(dataDir?: string, onProgress?: ProgressFn): Promise<Result<SourceSplits>> {
  const dir = locateCifar(dataDir);
  if (!dir.ok) return dir;
  return loadCifarDir(dir.value, onProgress);
}
