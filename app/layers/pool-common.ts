import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { pair, type IntOrPair } from './fields';
import { oneInput, poolOut } from './util';

export interface PoolGeometry {
  kernel_size: IntOrPair;
  stride: IntOrPair | null;
  padding: IntOrPair;
  dilation: IntOrPair;
  ceil_mode: boolean;
}

/** The params the pool targets read: MaxPool2d's and AvgPool2d's (each has its own extras). */
export interface Pool2dParams {
  kernel_size: IntOrPair;
  stride: IntOrPair | null;
  padding: IntOrPair;
  ceil_mode: boolean;
  /** MaxPool2d only. */
  dilation?: IntOrPair;
  /** AvgPool2d only. */
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/** The effective stride: PyTorch's default (None) is the kernel size. */
export const poolStride = (p: Pick<PoolGeometry, 'kernel_size' | 'stride'>): IntOrPair => p.stride ?? p.kernel_size;

/** PyTorch's `pool2d_shape_check` and `pooling_output_shape` for MaxPool2d and AvgPool2d. */
export function poolShape(inputs: Shape[], p: PoolGeometry): Result<Shape> {
  const x = oneInput(inputs, [3], '[C, H, W]');
  if (!x.ok) return x;
  const [c, h, w] = x.value;
  const k = pair(p.kernel_size);
  const s = pair(poolStride(p));
  const pad = pair(p.padding);
  const d = pair(p.dilation);
  if (Math.floor(k[0] / 2) < pad[0] || Math.floor(k[1] / 2) < pad[1])
    return err(
      `padding ${pad[0] === pad[1] ? pad[0] : `(${pad.join(', ')})`} is more than half the kernel size ${k[0] === k[1] ? k[0] : `(${k.join(', ')})`} ` +
        `(PyTorch rejects it): lower padding to at most ${Math.floor(Math.min(k[0], k[1]) / 2)} or enlarge kernel_size`,
    );
  const oh = poolOut(h, k[0], s[0], pad[0], d[0], p.ceil_mode);
  const ow = poolOut(w, k[1], s[1], pad[1], d[1], p.ceil_mode);
  if (oh < 1 || ow < 1)
    return err(
      `input ${h} x ${w} gives output ${oh} x ${ow}, too small (PyTorch rejects it): use a smaller kernel_size, more padding, or ceil_mode`,
    );
  return ok([c, oh, ow]);
}
