// Flat vectors of many tensors' values (the exchange's layout) and the rows of a batch each
// data-parallel replica trains on.
import type { Tensor } from '@tensorflow/tfjs-core';

/** Total element count of a list of shapes (the exchange size for these parameters). */
export function flatSize(shapes: number[][]): number {
  return shapes.reduce((t, s) => t + s.reduce((p, d) => p * d, 1), 0);
}

/** Copies tensors' values into one flat array (reads them back from the backend). */
export function flatten(tensors: Tensor[], into: Float32Array): Float32Array {
  let o = 0;
  for (const t of tensors) {
    const v = t.dataSync() as Float32Array;
    into.set(v, o);
    o += v.length;
  }
  return into;
}

/** Splits a flat array back into tensors of the given shapes (made with the given tensor factory). */
export function unflatten<T>(
  flat: Float32Array,
  shapes: number[][],
  make: (values: Float32Array, shape: number[]) => T,
): T[] {
  let o = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((p, d) => p * d, 1);
    const t = make(flat.slice(o, o + n), shape);
    o += n;
    return t;
  });
}

/** The rows [start, end) of a global batch of `batch` samples that replica `rank` of `replicas` trains on. */
export function shardOf(batch: number, rank: number, replicas: number): [number, number] {
  const base = Math.floor(batch / replicas),
    extra = batch % replicas;
  const start = rank * base + Math.min(rank, extra);
  return [start, start + base + (rank < extra ? 1 : 0)];
}
