/**
 * CIFAR-10 from its binary batches (`cifar-10-batches-bin/data_batch_{1..5}.bin`, `test_batch.bin`)
 * or its python version as torchvision downloads it (`cifar-10-batches-py/data_batch_{1..5}`,
 * `test_batch`), found in the folder the person gave, ./data or ../data, or the app cache.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCifarBatches } from '../../../app/data/cifar';
import { parseCifarPickle } from '../../../app/data/cifar-pickle';
import type { Dataset, ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { CIFAR10_CLASSES } from '../../../app/data/classes';
import { cacheDir } from './files';
import { datasetLimits, overCap, readRegularFile } from './safe-read';

export const CIFAR_TRAIN = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST = 'test_batch.bin';
const BIN = 'cifar-10-batches-bin';
const PY = 'cifar-10-batches-py';

export type CifarFormat = 'bin' | 'py';
export interface CifarLocation {
  dir: string;
  format: CifarFormat;
}

const filesOf = (format: CifarFormat) =>
  format === 'bin' ? [...CIFAR_TRAIN, CIFAR_TEST] : [...CIFAR_TRAIN, CIFAR_TEST].map((f) => f.replace(/\.bin$/, ''));

export function cifarSearchDirs(dataDir?: string): string[] {
  const dirs: string[] = [];
  if (dataDir) dirs.push(resolve(dataDir), resolve(dataDir, BIN), resolve(dataDir, PY));
  for (const root of [resolve('data'), resolve('..', 'data')]) dirs.push(join(root, BIN), join(root, PY));
  dirs.push(join(cacheDir('cifar10'), BIN));
  return [...new Set(dirs)];
}

export function locateCifar(dataDir?: string): Result<CifarLocation> {
  const dirs = cifarSearchDirs(dataDir);
  const notes: string[] = [];
  for (const dir of dirs) {
    for (const format of ['bin', 'py'] as const) {
      const missing = filesOf(format).filter((f) => !existsSync(join(dir, f)));
      if (missing.length === 0) return ok({ dir, format });
      if (missing.length < 6) notes.push(`${dir} lacks ${missing.join(', ')}`);
    }
  }
  return err(
    `cifar10: dataset files not found (${BIN}/data_batch_1.bin ... test_batch.bin, or torchvision's ${PY}/data_batch_1 ... test_batch). Looked in:\n${dirs.map((d) => `  ${d}`).join('\n')}\n` +
      (notes.length ? `${notes.join('\n')}\n` : '') +
      'Fix: pass --data-dir DIR (the extracted cifar-10-binary.tar.gz or cifar-10-python.tar.gz), or run with --download to fetch it into the cache.',
  );
}

async function readAll(
  dir: string,
  files: string[],
  onProgress: ProgressFn | undefined,
  done0: number,
): Promise<Result<{ file: string; bytes: Uint8Array }[]>> {
  const out: { file: string; bytes: Uint8Array }[] = [];
  for (const [i, f] of files.entries()) {
    const file = join(dir, f);
    const cap = datasetLimits().datasetBytes;
    const bytes = await readRegularFile(file, cap, (p, n) =>
      overCap(p, n, cap, 'NETLOOM_MAX_DATASET_MB', 'the dataset file'),
    );
    if (!bytes.ok) return bytes;
    out.push({ file, bytes: new Uint8Array(bytes.value.buffer, bytes.value.byteOffset, bytes.value.byteLength) });
    onProgress?.({ phase: 'read cifar10', done: done0 + i + 1, total: 6 });
  }
  return ok(out);
}

/** Python batches into a Dataset (the array rows are already [3, 32, 32] planes). */
function fromPickles(batches: { file: string; bytes: Uint8Array }[]): Result<Dataset> {
  const parts = [];
  for (const { file, bytes } of batches) {
    const p = parseCifarPickle(bytes, file);
    if (!p.ok) return p;
    parts.push(p.value);
  }
  const n = parts.reduce((a, p) => a + p.labels.length, 0);
  // The pixels stay bytes (app/data/samples.ts reads them as byte / 255).
  const x = new Uint8Array(n * 3072);
  const y = new Int32Array(n);
  let s = 0;
  for (const p of parts) {
    x.set(p.data, s * 3072);
    y.set(p.labels, s);
    s += p.labels.length;
  }
  return ok({ shape: [3, 32, 32], x, y, n, classes: CIFAR10_CLASSES.slice() });
}

export async function loadCifarDir(
  dir: string,
  onProgress?: ProgressFn,
  format: CifarFormat = 'bin',
): Promise<Result<SourceSplits>> {
  const names = filesOf(format);
  const tr = await readAll(dir, names.slice(0, 5), onProgress, 0);
  if (!tr.ok) return tr;
  const te = await readAll(dir, names.slice(5), onProgress, 5);
  if (!te.ok) return te;
  const decode = format === 'bin' ? parseCifarBatches : fromPickles;
  const train = decode(tr.value);
  if (!train.ok) return train;
  const test = decode(te.value);
  if (!test.ok) return test;
  return ok({ name: 'cifar10', train: train.value, test: test.value, from: dir });
}

export async function loadCifar(dataDir?: string, onProgress?: ProgressFn): Promise<Result<SourceSplits>> {
  const loc = locateCifar(dataDir);
  if (!loc.ok) return loc;
  return loadCifarDir(loc.value.dir, onProgress, loc.value.format);
}
