import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { oneInput, poolOut } from './util';

export interface Pool1dGeometry {
  kernel_size: number;
  stride: number | null;
  padding: number;
  dilation?: number;
  ceil_mode: boolean;
}

/** PyTorch's `pool1d_shape_check` and `pooling_output_shape` for MaxPool1d and AvgPool1d over [C, L]. */
export function pool1dShape(inputs: Shape[], p: Pool1dGeometry): Result<Shape> {
  const x = oneInput(inputs, [2], '[C, L]');
  if (!x.ok) return x;
  const [c, l] = x.value;
  const k = p.kernel_size;
  if (Math.floor(k / 2) < p.padding)
    return err(
      `padding ${p.padding} is more than half the kernel size ${k} (PyTorch rejects it): ` +
        `lower padding to at most ${Math.floor(k / 2)} or enlarge kernel_size`,
    );
  const out = poolOut(l, k, p.stride ?? k, p.padding, p.dilation ?? 1, p.ceil_mode);
  if (out < 1)
    return err(
      `input length ${l} gives output length ${out}, too small: use a smaller kernel_size, more padding, or ceil_mode`,
    );
  return ok([c, out]);
}

/** The 1-D geometry as the 2-D pooling code takes it: a [C, 1, L] image with a 1 x k window. */
export function as2d(p: Pool1dGeometry) {
  return {
    kernel_size: [1, p.kernel_size] as [number, number],
    stride: [1, p.stride ?? p.kernel_size] as [number, number],
    padding: [0, p.padding] as [number, number],
    dilation: [1, p.dilation ?? 1] as [number, number],
    ceil_mode: p.ceil_mode,
  };
}
