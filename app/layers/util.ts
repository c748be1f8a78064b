import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { fmtShape } from './pyrepr';

/** The one input of a single-input layer, with the rank it must have per sample (batch dim excluded). */
export function oneInput(inputs: Shape[], ranks: readonly number[], what: string): Result<Shape> {
  const s = inputs[0];
  if (!s) return err(`needs an input; connect one`);
  if (!ranks.includes(s.length)) return err(`expects ${what} per sample, gets ${fmtShape(s)}`);
  return ok(s);
}

/** Element count of a shape (1 for a scalar). */
export const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Floor division rounding toward negative infinity, as PyTorch's `div_rtn`. */
export const divFloor = (a: number, b: number): number => Math.floor(a / b);

/** Output size of a convolution along one axis (PyTorch's formula). */
export const convOut = (size: number, k: number, s: number, p: number, d: number): number =>
  divFloor(size + 2 * p - d * (k - 1) - 1, s) + 1;

/**
 * Output size of a pooling window along one axis: PyTorch's `pooling_output_shape`, including
 * the ceil_mode rule that the last window must start inside the input or the left padding.
 */
export function poolOut(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  let out = divFloor(size + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** Normalizes a dim counted with the batch dim against a per-sample shape of `rank`; null if out of range. */
export function batchedDim(d: number, rank: number): number | null {
  const n = rank + 1;
  const x = d < 0 ? d + n : d;
  return x < 0 || x >= n ? null : x;
}

export const dimRangeMessage = (d: number, rank: number): string =>
  `Dimension out of range (expected to be in range of [${-(rank + 1)}, ${rank}], but got ${d})`;

/** A count as the module is built: the param when given (as PyTorch's constructor), else from the input. */
export function countFrom(inputs: Shape[], index: number, given: number | null | undefined): number | null {
  if (given !== null && given !== undefined) return given;
  const s = inputs[0];
  return s && s.length > index ? s[index] : null;
}

/** Shared message for an inferred count that disagrees with the one written in the params. */
export const mismatchMessage = (field: string, given: number, actual: number, shape: Shape, unit: string): string =>
  `${field} is ${given} but the input ${fmtShape(shape)} has ${actual} ${unit}: set ${field} to ${actual} (or leave it empty to infer it)`;
