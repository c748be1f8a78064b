/**
 * Pooling in ONNX with PyTorch's exact output sizes: explicit end padding replaces ceil_mode
 * (ONNX runtimes differ from PyTorch on the last window), and AvgPool2d's divisor (padding,
 * ceil_mode, count_include_pad, divisor_override) becomes a constant per-position factor.
 */
import { pair, type IntOrPair } from '../../layers/fields';
import type { Shape } from '../../graph/types';
import { err, ok, type Result } from '../../result';
import { int, ints, type OnnxBuilder } from './builder';

export interface PoolParams {
  kernel_size: IntOrPair;
  stride: IntOrPair | null;
  padding: IntOrPair;
  dilation?: IntOrPair;
  ceil_mode: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/** [begin_h, begin_w, end_h, end_w] such that floor-mode pooling gives `out`. */
function explicitPads(inHW: number[], out: number[], k: number[], s: number[], p: number[], d: number[]): number[] {
  const end = [0, 1].map((i) => Math.max(p[i], (out[i] - 1) * s[i] + d[i] * (k[i] - 1) + 1 - inHW[i] - p[i]));
  return [p[0], p[1], end[0], end[1]];
}

export function maxPool(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape, p: PoolParams): string {
  const k = pair(p.kernel_size);
  const s = p.stride === null ? k : pair(p.stride);
  const pad = pair(p.padding);
  const d = pair(p.dilation ?? 1);
  const pads = explicitPads(inShape.slice(1), outShape.slice(1), k, s, pad, d);
  return b.op('MaxPool', [x], {
    kernel_shape: ints(k),
    strides: ints(s),
    pads: ints(pads),
    dilations: ints(d),
    ceil_mode: int(0),
  });
}

/** PyTorch's divisor of one output position along both axes (avg_pool2d's CPU kernel). */
export function divisor(o: number[], inHW: number[], k: number[], s: number[], pad: number[], p: PoolParams): number {
  let padded = 1;
  let inside = 1;
  for (let a = 0; a < 2; a++) {
    let start = o[a] * s[a] - pad[a];
    let end = Math.min(start + k[a], inHW[a] + pad[a]);
    padded *= end - start;
    start = Math.max(start, 0);
    end = Math.min(end, inHW[a]);
    inside *= end - start;
  }
  if (p.divisor_override) return p.divisor_override;
  return p.count_include_pad === false ? inside : padded;
}

export function avgPool(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape, p: PoolParams): Result<string> {
  const k = pair(p.kernel_size);
  const s = p.stride === null ? k : pair(p.stride);
  const pad = pair(p.padding);
  const inHW = inShape.slice(1);
  const out = outShape.slice(1);
  const include = p.count_include_pad !== false;
  if (!p.ceil_mode && !p.divisor_override) {
    return ok(
      b.op('AveragePool', [x], {
        kernel_shape: ints(k),
        strides: ints(s),
        pads: ints([pad[0], pad[1], pad[0], pad[1]]),
        count_include_pad: int(include ? 1 : 0),
        ceil_mode: int(0),
      }),
    );
  }
  // General case: the window sum (a zero-padded mean times the window size), divided as PyTorch divides.
  const pads = explicitPads(inHW, out, k, s, pad, [1, 1]);
  const mean = b.op('AveragePool', [x], {
    kernel_shape: ints(k),
    strides: ints(s),
    pads: ints(pads),
    count_include_pad: int(1),
    ceil_mode: int(0),
  });
  const factor = new Float32Array(out[0] * out[1]);
  for (let i = 0; i < out[0]; i++) {
    for (let j = 0; j < out[1]; j++) {
      const dv = divisor([i, j], inHW, k, s, pad, p);
      if (dv === 0) return err(`AvgPool2d: a window has divisor 0`);
      factor[i * out[1] + j] = (k[0] * k[1]) / dv;
    }
  }
  const f = b.floatConst('avgpool_factor', factor, [1, 1, out[0], out[1]]);
  return ok(b.op('Mul', [mean, f]));
}

/** AdaptiveAvgPool2d: global, a plain AveragePool when sizes divide, else separable row/column means. */
export function adaptiveAvgPool(b: OnnxBuilder, x: string, inShape: Shape, outShape: Shape): string {
  const inHW = inShape.slice(1);
  const out = outShape.slice(1);
  if (out[0] === 1 && out[1] === 1) return b.op('GlobalAveragePool', [x]);
  if (inHW[0] % out[0] === 0 && inHW[1] % out[1] === 0) {
    const k = [inHW[0] / out[0], inHW[1] / out[1]];
    return b.op('AveragePool', [x], { kernel_shape: ints(k), strides: ints(k) });
  }
  let y = x;
  for (const axis of [2, 3]) {
    const n = inHW[axis - 2];
    const m = out[axis - 2];
    if (n === m) continue;
    const parts: string[] = [];
    for (let i = 0; i < m; i++) {
      const start = Math.floor((i * n) / m);
      const end = Math.ceil(((i + 1) * n) / m);
      const sl = b.op('Slice', [y, b.intConst('start', [start]), b.intConst('end', [end]), b.intConst('axes', [axis])]);
      parts.push(b.op('ReduceMean', [sl], { axes: ints([axis]), keepdims: int(1) }));
    }
    y = parts.length === 1 ? parts[0] : b.op('Concat', parts, { axis: int(axis) });
  }
  return y;
}
