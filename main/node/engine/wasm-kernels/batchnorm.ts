// BatchNorm's training kernels for the wasm backend (app/compiler/tfjs/custom/batchnorm-fused.ts
// defines them): the statistics and the gradient sums in one pass each, y and dx in one pass each,
// over the tensors where they lie in the heap. With channels innermost (NHWC, [N, F]) the passes
// run in the SIMD kernels over blocks of lcm(c, 4) values, the sums in double precision, and the
// last partial block in JavaScript; other layouts ([N, C, L]) and runtimes without SIMD run the
// JavaScript versions. Per-channel values (invstd, the gradient's coefficients) are computed here
// in JavaScript from the [C] inputs and spread over the block's lanes.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  BN_GRAD_INPUT_KERNEL,
  BN_GRAD_SUMS_KERNEL,
  BN_NORMALIZE_KERNEL,
  BN_STATS_KERNEL,
  bnFinishMoments,
  bnGradCoefficients,
  bnGradInput,
  bnGradSums,
  bnInvstd,
  bnLayout,
  bnMomentSums,
  bnNormalize,
  type BnAxisAttrs,
  type BnGradInputAttrs,
  type BnLayout,
  type BnNormalizeAttrs,
} from '../../../../app/compiler/tfjs/custom/batchnorm-fused';
import { alloc, asWasm, f32, free, offsetOf, type WasmBackend } from './heap';
import { simdKernels, type SimdKernels } from './simd';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

interface Plan {
  l: BnLayout;
  n: number;
  /** Lanes per SIMD block: lcm(c, 4). */
  period: number;
  /** Values the SIMD kernel covers (whole blocks; 0 without it); the rest run in JavaScript. */
  whole: number;
  simd: SimdKernels | null;
}

function plan(backend: WasmBackend, shape: number[], axis: number): Plan {
  const l = bnLayout(shape, axis);
  const n = l.outer * l.c * l.inner;
  const simd = l.inner === 1 && l.c > 0 ? simdKernels(backend) : null;
  const period = l.c > 0 ? (l.c * 4) / gcd(l.c, 4) : 4;
  return { l, n, period, whole: simd ? n - (n % period) : 0, simd };
}

/** The layout of the values from `whole` on (whole rows of channels). */
const rest = (p: Plan): BnLayout => ({ ...p.l, outer: (p.n - p.whole) / (p.l.c * p.l.inner) });

/** A heap view of `count` doubles at a scratch tensor (allocated as 2 * count floats). */
function f64(backend: WasmBackend, t: TensorInfo, count: number): Float64Array {
  return new Float64Array(backend.wasm.HEAPU8.buffer, offsetOf(backend, t), count);
}

/** Per-channel arrays spread over `period` lanes, one after another, into a scratch tensor's view. */
function lanes(dst: Float32Array, period: number, c: number, ...perChannel: Float32Array[]): void {
  perChannel.forEach((v, m) => {
    for (let j = 0; j < period; j++) dst[m * period + j] = v[j % c];
  });
}

/** Folds `period` lanes of double sums (two sets, one after another) into channels. */
function fold(acc: Float64Array, period: number, c: number, s1: Float64Array, s2: Float64Array): void {
  for (let j = 0; j < period; j++) {
    s1[j % c] += acc[j];
    s2[j % c] += acc[period + j];
  }
}

function statsKernel(args: { inputs: { x: TensorInfo }; backend: unknown; attrs: BnAxisAttrs }): TensorInfo[] {
  const backend = asWasm(args.backend);
  const { x } = args.inputs;
  const p = plan(backend, x.shape, args.attrs.axis);
  const { c } = p.l;
  const mean = alloc(backend, [c]),
    variance = alloc(backend, [c]);
  const s1 = new Float64Array(c),
    s2 = new Float64Array(c);
  if (p.simd && p.whole > 0) {
    const acc = alloc(backend, [4 * p.period]);
    f64(backend, acc, 2 * p.period).fill(0);
    p.simd.bn_stats(offsetOf(backend, x), offsetOf(backend, acc), p.whole, p.period);
    fold(f64(backend, acc, 2 * p.period), p.period, c, s1, s2);
    free(backend, acc);
  }
  if (p.whole < p.n) bnMomentSums(f32(backend, x).subarray(p.whole), rest(p), s1, s2);
  bnFinishMoments(s1, s2, c > 0 ? p.n / c : 0, f32(backend, mean), f32(backend, variance));
  return [mean, variance];
}

function normalizeKernel(args: {
  inputs: { x: TensorInfo; mean: TensorInfo; variance: TensorInfo; gamma?: TensorInfo; beta?: TensorInfo };
  backend: unknown;
  attrs: BnNormalizeAttrs;
}): TensorInfo[] {
  const backend = asWasm(args.backend);
  const { x, mean, variance, gamma, beta } = args.inputs;
  const p = plan(backend, x.shape, args.attrs.axis);
  const { c } = p.l;
  const y = alloc(backend, x.shape),
    invstd = alloc(backend, [c]);
  const coef = p.simd && p.whole > 0 ? alloc(backend, [3 * p.period]) : null;
  // Views only after the last allocation.
  const m = f32(backend, mean),
    is = f32(backend, invstd);
  bnInvstd(f32(backend, variance), args.attrs.eps, is);
  const scale = new Float32Array(c),
    shift = new Float32Array(c);
  const g = gamma ? f32(backend, gamma) : null,
    b = beta ? f32(backend, beta) : null;
  for (let ch = 0; ch < c; ch++) {
    scale[ch] = g ? g[ch] * is[ch] : is[ch];
    shift[ch] = b ? b[ch] : 0;
  }
  if (p.simd && coef) {
    lanes(f32(backend, coef), p.period, c, m, scale, shift);
    p.simd.bn_norm(offsetOf(backend, x), offsetOf(backend, y), offsetOf(backend, coef), p.whole, p.period);
    free(backend, coef);
  }
  if (p.whole < p.n)
    bnNormalize(f32(backend, x).subarray(p.whole), rest(p), m, scale, shift, f32(backend, y).subarray(p.whole));
  return [y, invstd];
}

function gradSumsKernel(args: {
  inputs: { dy: TensorInfo; x: TensorInfo; mean: TensorInfo; invstd: TensorInfo };
  backend: unknown;
  attrs: BnAxisAttrs;
}): TensorInfo[] {
  const backend = asWasm(args.backend);
  const { dy, x, mean, invstd } = args.inputs;
  const p = plan(backend, x.shape, args.attrs.axis);
  const { c } = p.l;
  const sdy = alloc(backend, [c]),
    sdyx = alloc(backend, [c]);
  const s1 = new Float64Array(c),
    s2 = new Float64Array(c);
  if (p.simd && p.whole > 0) {
    const coef = alloc(backend, [p.period]),
      acc = alloc(backend, [4 * p.period]);
    lanes(f32(backend, coef), p.period, c, f32(backend, mean));
    f64(backend, acc, 2 * p.period).fill(0);
    p.simd.bn_grad_sums(
      offsetOf(backend, dy),
      offsetOf(backend, x),
      offsetOf(backend, coef),
      offsetOf(backend, acc),
      p.whole,
      p.period,
    );
    fold(f64(backend, acc, 2 * p.period), p.period, c, s1, s2);
    free(backend, coef, acc);
  }
  if (p.whole < p.n)
    bnGradSums(
      f32(backend, dy).subarray(p.whole),
      f32(backend, x).subarray(p.whole),
      rest(p),
      f32(backend, mean),
      s1,
      s2,
    );
  const a = f32(backend, sdy),
    bv = f32(backend, sdyx),
    is = f32(backend, invstd);
  for (let ch = 0; ch < c; ch++) {
    a[ch] = s1[ch];
    bv[ch] = s2[ch] * is[ch];
  }
  return [sdy, sdyx];
}

function gradInputKernel(args: {
  inputs: {
    dy: TensorInfo;
    x: TensorInfo;
    mean: TensorInfo;
    invstd: TensorInfo;
    gamma?: TensorInfo;
    sa: TensorInfo;
    sb: TensorInfo;
  };
  backend: unknown;
  attrs: BnGradInputAttrs;
}): TensorInfo[] {
  const backend = asWasm(args.backend);
  const { dy, x, mean, invstd, gamma, sa, sb } = args.inputs;
  const p = plan(backend, x.shape, args.attrs.axis);
  const { c } = p.l;
  const dx = alloc(backend, x.shape);
  const coef = p.simd && p.whole > 0 ? alloc(backend, [4 * p.period]) : null;
  const k = { a: new Float32Array(c), k1: new Float32Array(c), k2: new Float32Array(c) };
  bnGradCoefficients(
    f32(backend, invstd),
    gamma ? f32(backend, gamma) : null,
    f32(backend, sa),
    f32(backend, sb),
    args.attrs.k,
    k,
  );
  const m = f32(backend, mean);
  if (p.simd && coef) {
    lanes(f32(backend, coef), p.period, c, m, k.a, k.k1, k.k2);
    p.simd.bn_grad_input(
      offsetOf(backend, dy),
      offsetOf(backend, x),
      offsetOf(backend, dx),
      offsetOf(backend, coef),
      p.whole,
      p.period,
    );
    free(backend, coef);
  }
  if (p.whole < p.n)
    bnGradInput(
      f32(backend, dy).subarray(p.whole),
      f32(backend, x).subarray(p.whole),
      rest(p),
      m,
      k.a,
      k.k1,
      k.k2,
      f32(backend, dx).subarray(p.whole),
    );
  return [dx];
}

const config = (kernelName: string, fn: unknown): KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  kernelFunc: fn as KernelFunc,
});

export const batchNormKernelConfigs: KernelConfig[] = [
  config(BN_STATS_KERNEL, statsKernel),
  config(BN_NORMALIZE_KERNEL, normalizeKernel),
  config(BN_GRAD_SUMS_KERNEL, gradSumsKernel),
  config(BN_GRAD_INPUT_KERNEL, gradInputKernel),
];
