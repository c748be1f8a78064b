/**
 * 1-D pooling (MaxPool1d, AvgPool1d over [N, C, L]) and adaptive pooling over any number of
 * spatial axes (AdaptiveAvgPool1d, AdaptiveMaxPool2d), with PyTorch's exact output sizes: explicit
 * end padding replaces ceil_mode, and AvgPool1d's divisor becomes a constant per-position factor.
 */
import type { Shape } from '../../graph/types';
import { err, ok, type Result } from '../../result';
import { int, ints, type OnnxBuilder } from './builder';
import { divisor } from './pool';

export interface Pool1dParams {
  kernel_size: number;
  stride: number | null;
  padding: number;
  dilation?: number;
  ceil_mode: boolean;
  count_include_pad?: boolean;
}

/** [begin, end] such that floor-mode pooling of `size` gives `out`. */
function pads1d(size: number, out: number, k: number, s: number, p: number, d: number): [number, number] {
  return [p, Math.max(p, (out - 1) * s + d * (k - 1) + 1 - size - p)];
}

export function maxPool1d(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape, p: Pool1dParams): string {
  const s = p.stride ?? p.kernel_size;
  const d = p.dilation ?? 1;
  return b.op('MaxPool', [x], {
    kernel_shape: ints([p.kernel_size]),
    strides: ints([s]),
    pads: ints(pads1d(inShape[1], outShape[1], p.kernel_size, s, p.padding, d)),
    dilations: ints([d]),
    ceil_mode: int(0),
  });
}

export function avgPool1d(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape, p: Pool1dParams): Result<string> {
  const k = p.kernel_size;
  const s = p.stride ?? k;
  const include = p.count_include_pad !== false;
  if (!p.ceil_mode)
    return ok(
      b.op('AveragePool', [x], {
        kernel_shape: ints([k]),
        strides: ints([s]),
        pads: ints([p.padding, p.padding]),
        count_include_pad: int(include ? 1 : 0),
        ceil_mode: int(0),
      }),
    );
  // ceil_mode: the window sum (a zero-padded mean times k), divided as PyTorch divides.
  const out = outShape[1];
  const mean = b.op('AveragePool', [x], {
    kernel_shape: ints([k]),
    strides: ints([s]),
    pads: ints(pads1d(inShape[1], out, k, s, p.padding, 1)),
    count_include_pad: int(1),
    ceil_mode: int(0),
  });
  const factor = new Float32Array(out);
  const geometry = { kernel_size: k, stride: s, padding: p.padding, ceil_mode: true, count_include_pad: include };
  for (let i = 0; i < out; i++) {
    const dv = divisor([0, i], [1, inShape[1]], [1, k], [1, s], [0, p.padding], geometry);
    if (dv === 0) return err(`AvgPool1d: a window has divisor 0`);
    factor[i] = k / dv;
  }
  return ok(b.op('Mul', [mean, b.floatConst('avgpool_factor', factor, [1, 1, out])]));
}

/** Adaptive pooling of the spatial axes (2, 3, ...): global, a plain pool when sizes divide, else per-bin slices. */
export function adaptivePool(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape, mode: 'avg' | 'max'): string {
  const inS = inShape.slice(1);
  const out = outShape.slice(1);
  const [globalOp, poolOp, reduceOp] =
    mode === 'avg' ? ['GlobalAveragePool', 'AveragePool', 'ReduceMean'] : ['GlobalMaxPool', 'MaxPool', 'ReduceMax'];
  if (out.every((o) => o === 1)) return b.op(globalOp, [x]);
  if (inS.every((n, i) => n % out[i] === 0)) {
    const k = inS.map((n, i) => n / out[i]);
    return b.op(poolOp, [x], { kernel_shape: ints(k), strides: ints(k) });
  }
  let y = x;
  inS.forEach((n, i) => {
    const m = out[i];
    const axis = i + 2;
    if (n === m) return;
    const parts: string[] = [];
    for (let j = 0; j < m; j++) {
      const start = Math.floor((j * n) / m);
      const end = Math.ceil(((j + 1) * n) / m);
      const sl = b.op('Slice', [y, b.intConst('start', [start]), b.intConst('end', [end]), b.intConst('axes', [axis])]);
      parts.push(b.op(reduceOp, [sl], { axes: ints([axis]), keepdims: int(1) }));
    }
    y = parts.length === 1 ? parts[0] : b.op('Concat', parts, { axis: int(axis) });
  });
  return y;
}
