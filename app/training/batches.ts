/**
 * Mini-batches straight from the dataset's typed arrays: each batch's samples are read (bytes to
 * values, normalized: app/data/samples.ts) into a fresh Float32Array and handed to tfjs once (no
 * big tensor sliced per batch).
 */
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { readSample } from '../data/samples';
import type { Dataset } from '../data/types';

export interface Batch {
  x: Tensor;
  y: Tensor;
}

export function batchCount(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

/** Changes a batch buffer of n samples in place before it becomes a tensor (augmentation). */
export type BatchTransform = (x: Float32Array, n: number) => void;

/** A batch as typed arrays: n samples, per-sample shape as the dataset's. */
export interface RawBatch {
  x: Float32Array;
  y: Int32Array;
  n: number;
  shape: number[];
}

/** Batches in `order` (a permutation of sample indices; identity when absent). The caller disposes each batch. */
export function* batches(
  tf: Tf,
  ds: Dataset,
  batchSize: number,
  order?: Int32Array,
  transform?: BatchTransform,
): Generator<Batch> {
  for (const r of rawBatches(ds, batchSize, order, transform)) {
    yield { x: tf.tensor(r.x, [r.n, ...r.shape], 'float32'), y: tf.tensor1d(r.y, 'int32') };
  }
}

/** The same batches as typed arrays (each a fresh copy: the consumer may keep or transfer it). */
export function* rawBatches(
  ds: Dataset,
  batchSize: number,
  order?: Int32Array,
  transform?: BatchTransform,
): Generator<RawBatch> {
  const size = ds.shape.reduce((a, b) => a * b, 1);
  for (let start = 0; start < ds.n; start += batchSize) {
    const b = Math.min(batchSize, ds.n - start);
    const x = new Float32Array(b * size);
    const y = new Int32Array(b);
    for (let i = 0; i < b; i++) {
      const idx = order ? order[start + i] : start + i;
      readSample(ds, idx, x, i * size);
      y[i] = ds.y[idx];
    }
    transform?.(x, b);
    yield { x, y, n: b, shape: ds.shape };
  }
}
