/**
 * A Reshape that is an nn.Flatten: its target [batch, ...rest] (batch -1, 0 or a fixed size; in rest
 * 0 copies the input's dim and one -1 is inferred when the batch is not) merges one contiguous range
 * of the input's dims. The whole range (start_dim=1, end_dim=-1) is preferred, then the first range.
 */
import type { Shape } from '../graph/types';

export function reshapeAsFlatten(
  inShape: Shape,
  target: number[],
): { start_dim?: number; end_dim?: number } | undefined {
  if (target.length < 2 || !(target[0] === -1 || target[0] >= 0) || !target.every(Number.isInteger)) return undefined;
  const numel = inShape.reduce((p, q) => p * q, 1);
  const rest = target.slice(1).map((d, i) => (d === 0 ? inShape[i] : d));
  const holes = rest.filter((d) => d === -1).length;
  if (holes > 1 || (holes === 1 && target[0] === -1) || rest.some((d) => d === undefined || d < -1 || d === 0))
    return undefined;
  const known = rest.filter((d) => d !== -1).reduce((p, q) => p * q, 1);
  if (holes === 1 && numel % known !== 0) return undefined;
  const want = rest.map((d) => (d === -1 ? numel / known : d));
  const rank = inShape.length + 1;
  const ranges: [number, number][] = [[1, rank - 1]];
  for (let s = 1; s < rank; s++) for (let e = s + 1; e < rank; e++) ranges.push([s, e]);
  for (const [s, e] of ranges) {
    const out = [...inShape.slice(0, s - 1), inShape.slice(s - 1, e).reduce((p, q) => p * q, 1), ...inShape.slice(e)];
    if (out.join() !== want.join()) continue;
    if (s === 1 && e === rank - 1) return {};
    return e === rank - 1 ? { start_dim: s } : { start_dim: s, end_dim: e };
  }
  return undefined;
}

/**
 * A Reshape that is an nn.Unflatten: its target [batch, ...rest] (batch -1, 0 or a fixed size; 0 in
 * rest copies the input's dim, one -1 is inferred when the batch is not) splits exactly one of the
 * input's dims into two or more and keeps the others. Returns Unflatten's params, sizes as numbers.
 */
export function reshapeAsUnflatten(
  inShape: Shape,
  target: number[],
): { dim: number; unflattened_size: number[] } | undefined {
  if (target.length < 2 || !(target[0] === -1 || target[0] >= 0) || !target.every(Number.isInteger)) return undefined;
  const numel = inShape.reduce((p, q) => p * q, 1);
  const rest = target.slice(1).map((d, i) => (d === 0 ? inShape[i] : d));
  const holes = rest.filter((d) => d === -1).length;
  if (holes > 1 || (holes === 1 && target[0] === -1) || rest.some((d) => d === undefined || d < -1 || d === 0))
    return undefined;
  const known = rest.filter((d) => d !== -1).reduce((p, q) => p * q, 1);
  if (holes === 1 && numel % known !== 0) return undefined;
  const want = rest.map((d) => (d === -1 ? numel / known : d));
  const k = want.length - inShape.length + 1;
  if (k < 2) return undefined;
  for (let i = 0; i < inShape.length; i++) {
    const sizes = want.slice(i, i + k);
    const same =
      [...inShape.slice(0, i), ...inShape.slice(i + 1)].join() === [...want.slice(0, i), ...want.slice(i + k)].join();
    if (same && sizes.reduce((p, q) => p * q, 1) === inShape[i]) return { dim: i + 1, unflattened_size: sizes };
  }
  return undefined;
}
