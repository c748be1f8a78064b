/** Small readers of Keras configs shared by the kinds' keras-import.ts. */

/** A Keras pair (kernel_size, strides, ...): [a, b], a number, or [d, d] when absent. */
export const pairOf = (v: unknown, d = 1): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [d, d];
/** A pair as PyTorch writes it: one number when both are equal. */
export const simple = (p: [number, number]): number | [number, number] => (p[0] === p[1] ? p[0] : p);
