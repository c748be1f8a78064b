// The hand-written SIMD kernels (kernels.wat), instantiated once per wasm backend over that
// backend's own memory, so they work on tensors in place. Where WebAssembly SIMD is missing or
// the backend's memory cannot be reached, simdKernels returns null and the callers run their
// JavaScript versions.
import type { WasmBackend } from '../heap';
import { SIMD_KERNELS_BASE64 } from './simd-bytes';
import { instantiateOver, lazyModule } from './wasm-api';

/** Pointers are byte offsets into the backend's heap; counts are in floats. */
export interface SimdKernels {
  relu_mask(dy: number, y: number, dz: number, n: number): void;
  block_sums(src: number, acc: number, n: number, period: number): void;
  maxpool2x2_grad(x: number, dy: number, dx: number, rows: number, ow: number, c: number): void;
  maxpool_grad(
    x: number,
    dy: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
  ): void;
  swap_axes(src: number, dst: number, a: number, b: number, inner: number): void;
  reverse3(src: number, dst: number, a: number, m: number, c: number): void;
  planar_dz(dz: number, dst: number, n: number, oh: number, ow: number, oc: number, ow4: number): void;
  bf_c1(
    xp: number,
    dzt: number,
    dw: number,
    n: number,
    oh: number,
    ow4: number,
    hp: number,
    wp: number,
    oc: number,
    kh: number,
    kw: number,
  ): void;
  col2im_add(
    col: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
  ): void;
  im2col(
    x: number,
    col: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    pt: number,
    pl: number,
  ): void;
  /** dense [n, ny, nx, c] = map [n, h, w, c][:, y0 : y0 + ny, x0 : x0 + nx, :]. */
  rect_gather(
    map: number,
    dense: number,
    n: number,
    h: number,
    w: number,
    c: number,
    y0: number,
    ny: number,
    x0: number,
    nx: number,
  ): void;
  /** map [n, h, w, c][:, y0 : y0 + ny, x0 : x0 + nx, :] += dense [n, ny, nx, c]. */
  rect_add(
    map: number,
    dense: number,
    n: number,
    h: number,
    w: number,
    c: number,
    y0: number,
    ny: number,
    x0: number,
    nx: number,
  ): void;
  /** BatchNorm over NHWC blocks of `period` lanes (see kernels.wat). */
  bn_stats(src: number, acc: number, n: number, period: number): void;
  bn_norm(x: number, y: number, coef: number, n: number, period: number): void;
  bn_grad_sums(dy: number, x: number, coef: number, acc: number, n: number, period: number): void;
  bn_grad_input(dy: number, x: number, dx: number, coef: number, n: number, period: number): void;
  /** Depthwise gradients with multiplier 1: mode 0 dW from (x, dy), mode 1 dx from (filter, dy); out zeroed. */
  depthwise_grad(
    src: number,
    dy: number,
    out: number,
    mode: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    dh: number,
    dw: number,
    pt: number,
    pl: number,
  ): void;
  /** rows runs of `run` bytes from src + r * srcStride to dst + r * dstStride (bytes, multiples of 4). */
  copy_rows(src: number, dst: number, rows: number, run: number, srcStride: number, dstStride: number): void;
  /** dz = lo <= x <= hi ? dy : 0 over n floats (ClipByValue's gradient). */
  clip_mask(dy: number, x: number, dz: number, n: number, lo: number, hi: number): void;
  sgd_step(
    p: number,
    g: number,
    buf: number,
    pOut: number,
    bufOut: number,
    n: number,
    lr: number,
    wd: number,
    momentum: number,
    dampening: number,
    nesterov: number,
    first: number,
  ): void;
}

const module = lazyModule(SIMD_KERNELS_BASE64);
const instances = new WeakMap<object, SimdKernels | null>();
let enabled = true;

/** Off: every caller takes its JavaScript path (tests and benchmarks compare the two). */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

export function simdKernels(backend: WasmBackend): SimdKernels | null {
  if (!enabled) return null;
  const key = backend.wasm;
  let k = instances.get(key);
  if (k === undefined) {
    k = instantiateOver<SimdKernels>(module(), backend.wasm.asm?.memory);
    instances.set(key, k);
  }
  return k;
}
