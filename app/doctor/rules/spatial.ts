/** Reads the spatial hyper-parameters of Conv2d and the pools as written (PyTorch's defaults where absent). */
import { param, typeOf } from '../context';
import type { LintContext } from '../types';

export interface Window {
  kernel: number;
  stride: number;
  dilation: number;
}

const first = (v: unknown, fallback: number): number => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : fallback;
};

/** The sliding window of a Conv2d or pool (height axis), or null for other kinds. */
export function windowOf(ctx: LintContext, id: string): Window | null {
  const t = typeOf(ctx, id);
  if (t !== 'Conv2d' && t !== 'MaxPool2d' && t !== 'AvgPool2d') return null;
  const kernel = first(param(ctx, id, 'kernel_size'), 1);
  const strideDefault = t === 'Conv2d' ? 1 : kernel;
  const s = param(ctx, id, 'stride');
  return {
    kernel,
    stride: s === null || s === undefined ? strideDefault : first(s, strideDefault),
    dilation: first(param(ctx, id, 'dilation'), 1),
  };
}
