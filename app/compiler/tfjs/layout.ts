/**
 * Layout rules. Per-sample tensors of rank 3 ([C, H, W] in PyTorch) run as NHWC inside the
 * model; every other rank runs in PyTorch's own order. Shapes here include the batch dimension.
 */
import type { SymbolicTensor, Tf } from './tf';

/** The PyTorch per-sample shape of a symbolic tensor. */
export function torchShape(t: SymbolicTensor): number[] {
  const s = t.shape.slice(1) as number[];
  return s.length === 3 ? [s[2], s[0], s[1]] : s;
}

/** Normalize a PyTorch dim (counting the batch) for a tensor of `rank` dims including the batch. */
export function normDim(dim: number, rank: number): number {
  return dim < 0 ? dim + rank : dim;
}

/** The internal axis of PyTorch dim `dim` (including batch) for a tensor of that full rank. */
export function internalAxis(dim: number, rank: number): number {
  const d = normDim(dim, rank);
  if (rank !== 4) return d;
  return [0, 3, 1, 2][d];
}

/** NHWC -> NCHW (a Permute layer) for rank-4 tensors; other ranks unchanged. A free Reshape when C = 1 or H = W = 1. */
export function toTorchOrder(tf: Tf, x: SymbolicTensor, name: string): SymbolicTensor {
  if (x.rank !== 4) return x;
  const [, h, w, c] = x.shape as number[];
  if (c === 1 || h * w === 1) return tf.layers.reshape({ targetShape: [c, h, w], name }).apply(x) as SymbolicTensor;
  return tf.layers.permute({ dims: [3, 1, 2], name }).apply(x) as SymbolicTensor;
}

/** NCHW -> NHWC for rank-4 tensors (the inverse of toTorchOrder). */
export function fromTorchOrder(tf: Tf, x: SymbolicTensor, name: string): SymbolicTensor {
  if (x.rank !== 4) return x;
  const [, c, h, w] = x.shape as number[];
  if (c === 1 || h * w === 1) return tf.layers.reshape({ targetShape: [h, w, c], name }).apply(x) as SymbolicTensor;
  return tf.layers.permute({ dims: [2, 3, 1], name }).apply(x) as SymbolicTensor;
}
