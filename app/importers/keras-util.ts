/** Small readers of Keras configs shared by the kinds' keras-import.ts. */

/** A Keras pair (kernel_size, strides, ...): [a, b], a number, or [d, d] when absent. */
export const pairOf = (v: unknown, d = 1): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [d, d];
/** A pair as PyTorch writes it: one number when both are equal. */
export const simple = (p: [number, number]): number | [number, number] => (p[0] === p[1] ? p[0] : p);

/**
 * The PyTorch dim of a Keras axis (default -1, the last) on a value of per-sample PyTorch shape
 * `shape`: on a channels-last value ([N, H, W, C], [N, L, C]) Keras's last axis is PyTorch's dim 1
 * and the others move one up; in PyTorch's order the axis is the same.
 */
export function torchDim(x: { nhwc: boolean; shape: readonly number[] }, axis: unknown = -1): number {
  const rank = x.shape.length + 1;
  const raw = Number(axis ?? -1);
  const a = raw < 0 ? raw + rank : raw;
  if (!x.nhwc || a <= 0 || a >= rank) return a; // the batch axis or none: not a per-sample dim
  return a === rank - 1 ? 1 : a + 1;
}
