/**
 * TensorFlow's padding for Keras layers, as PyTorch layers. TF's 'same' pads a total of
 * max((ceil(size / stride) - 1) * stride + (k - 1) * dilation + 1 - size, 0) along each axis, the
 * odd cell at the end (bottom/right); PyTorch pads both sides equally, so an uneven 'same' becomes
 * ZeroPad2d((left, right, top, bottom)) before a Conv2d, and a pool's uneven 'same' (TF ignores the
 * padded cells) becomes PyTorch's padding plus ceil_mode, whose extra last window ignores them too.
 */
import type { Shape } from '../graph/types';
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';

/** [before, after] of TF's 'same' padding along one axis. */
export function tfSamePads(size: number, k: number, s: number, d = 1): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Pending zero padding [top, bottom, left, right] as ZeroPad2d's `padding` (an int when all equal). */
export function zeroPadParam([t, b, l, r]: [number, number, number, number]): number | number[] {
  return t === b && b === l && l === r ? t : [l, r, t, b];
}

/** Keras ZeroPadding2D's `padding` (n, [h, w] or [[top, bottom], [left, right]]) as [top, bottom, left, right]. */
export function kerasZeroPadding(p: unknown): [number, number, number, number] | null {
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : NaN);
  let out: number[];
  if (typeof p === 'number') out = [p, p, p, p].map(n);
  else if (Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number'))
    out = [p[0], p[0], p[1], p[1]].map(n);
  else if (Array.isArray(p) && p.length === 2 && p.every((x) => Array.isArray(x) && x.length === 2))
    out = [p[0][0], p[0][1], p[1][0], p[1][1]].map(n);
  else return null;
  return out.some(Number.isNaN) ? null : (out as [number, number, number, number]);
}

/**
 * A Keras pool with padding 'same' as MaxPool2d/AvgPool2d params on a [C, H, W] input: TF's leading
 * pads as `padding`, ceil_mode for a one-larger trailing pad, count_include_pad false (TF averages
 * over the real cells only). An error when PyTorch has no equivalent (an even pool size with stride 1).
 */
export function samePoolParams(
  type: 'MaxPool2d' | 'AvgPool2d',
  shape: Shape,
  k: [number, number],
  s: [number, number],
): Result<Record<string, unknown>> {
  const [ph, pw] = [tfSamePads(shape[1], k[0], s[0]), tfSamePads(shape[2], k[1], s[1])];
  const want = [Math.ceil(shape[1] / s[0]), Math.ceil(shape[2] / s[1])];
  const one = (v: [number, number]) => (v[0] === v[1] ? v[0] : v);
  const base: Record<string, unknown> = { kernel_size: one(k), stride: one(s), padding: one([ph[0], pw[0]]) };
  if (type === 'AvgPool2d') base.count_include_pad = false;
  const spec = getLayer(type);
  for (const params of ph[0] === ph[1] && pw[0] === pw[1] ? [base] : [{ ...base, ceil_mode: true }]) {
    const parsed = spec?.schema.safeParse(params);
    const got = parsed?.success ? spec?.inferShape([shape], parsed.data) : undefined;
    if (got?.ok && got.value[1] === want[0] && got.value[2] === want[1]) return ok(params);
  }
  return err(
    `padding 'same' pads [top ${ph[0]}, bottom ${ph[1]}, left ${pw[0]}, right ${pw[1]}]: PyTorch's ${type} cannot pad one side more with stride 1; use an odd pool size or padding 'valid'`,
  );
}
