/**
 * The data the PyTorch engine trains on, written once per run as .npy files (memory-mapped by
 * every rank): the prepared splits (already normalized), every epoch's shuffling order from
 * Netloom's seeded code (the built-in loop's own permutation), and, with augmentation, each
 * epoch's augmented training samples in that order (Netloom's draws), written one epoch ahead.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { augmentInPlace, isIdentity } from '../../../../app/data/augment';
import type { PreparedData } from '../../../../app/data/prepare';
import { makeRng, permutation } from '../../../../app/data/rng';
import { readSamples } from '../../../../app/data/samples';
import type { Dataset } from '../../../../app/data/types';
import { rawBatches } from '../../../../app/training/batches';
import { writeNpy, writeNpyRows } from './npy';

export interface TorchDataFiles {
  train_x: string;
  train_y: string;
  val_x?: string;
  val_y?: string;
  test_x?: string;
  test_y?: string;
  /** [epochs to train, n] int32: row k is the order of epoch startEpoch + 1 + k. */
  orders: string;
  /** Where aug-<epoch>.npy appear (null: no augmentation). */
  aug_dir: string | null;
}

/** The order the built-in loop (app/training/loop.ts) uses for `epoch`. */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  return permutation(n, makeRng(seed * 1009 + epoch));
}

function writeSplit(dir: string, name: string, ds: Dataset): [string, string] {
  const x = join(dir, `${name}_x.npy`);
  const y = join(dir, `${name}_y.npy`);
  // The runner reads float32 values, normalized as the built-in engine reads them, made a block of
  // samples at a time.
  writeNpyRows(x, [ds.n, ...ds.shape], 'float32', (start, rows) => readSamples(ds, start, rows));
  writeNpy(y, ds.y, [ds.n]);
  return [x, y];
}

export function writeTorchData(
  dir: string,
  data: PreparedData,
  seed: number,
  startEpoch: number,
  epochs: number,
): TorchDataFiles {
  mkdirSync(dir, { recursive: true });
  const [train_x, train_y] = writeSplit(dir, 'train', data.train);
  const files: TorchDataFiles = {
    train_x,
    train_y,
    orders: join(dir, 'orders.npy'),
    aug_dir: isIdentity(data.augment) ? null : join(dir, 'aug'),
  };
  if (data.val && data.val.n > 0) [files.val_x, files.val_y] = writeSplit(dir, 'val', data.val);
  if (data.test && data.test.n > 0) [files.test_x, files.test_y] = writeSplit(dir, 'test', data.test);
  const n = data.train.n;
  const count = Math.max(0, epochs - startEpoch);
  const orders = new Int32Array(Math.max(1, count) * n);
  for (let k = 0; k < count; k++) orders.set(epochOrder(n, seed, startEpoch + 1 + k), k * n);
  writeNpy(files.orders, orders, [Math.max(1, count), n]);
  if (files.aug_dir) mkdirSync(files.aug_dir, { recursive: true });
  return files;
}

/**
 * Writes aug-<epoch>.npy in order (the draws are one stream, as in the built-in session:
 * makeRng(seed + 31337 + startEpoch), per batch in the epoch's order) and removes old ones.
 */
export function augmentFeeder(
  files: TorchDataFiles,
  data: PreparedData,
  seed: number,
  startEpoch: number,
  batchSize: number,
) {
  const rng = makeRng(seed + 31337 + startEpoch);
  const { train, augment: spec, stats } = data;
  const size = train.shape.reduce((a, b) => a * b, 1);
  let written = startEpoch;
  const transform = (x: Float32Array, n: number) => augmentInPlace(x, n, train.shape, spec, rng, stats ?? undefined);
  return {
    /** Make sure the files up to `epoch` exist (no-op without augmentation). */
    ensure(epoch: number): void {
      if (!files.aug_dir) return;
      while (written < epoch) {
        written += 1;
        const out = new Float32Array(train.n * size);
        let at = 0;
        for (const b of rawBatches(train, batchSize, epochOrder(train.n, seed, written), transform)) {
          out.set(b.x, at);
          at += b.x.length;
        }
        writeNpy(join(files.aug_dir, `aug-${written}.npy`), out, [train.n, ...train.shape]);
      }
    },
    /** Remove the file of an epoch already trained. */
    drop(epoch: number): void {
      if (files.aug_dir) rmSync(join(files.aug_dir, `aug-${epoch}.npy`), { force: true });
    },
  };
}
