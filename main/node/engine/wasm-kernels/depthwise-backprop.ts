// DepthwiseConv2dNativeBackpropFilter and ...BackpropInput (both missing from tfjs-backend-wasm).
// Filter [kh, kw, c, mul], dy [n, oh, ow, c*mul]. One pass over output pixels and taps, the
// channel loop innermost and contiguous. Strides, paddings and dilations are honoured (the cpu
// backend's versions ignore dilations; the tests check these against the forward op instead).
// With a channel multiplier of 1 (MobileNet's depthwise layers) both run as the SIMD kernel
// `depthwise_grad` (simd/kernels.wat) in the same order, four channels at a time; the JavaScript
// versions below are the fallback and the reference the tests compare it with.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, offsetOf, type WasmBackend } from './heap';
import { convGeometry, type Geometry } from './conv-info';
import { simdKernels } from './simd';

interface Attrs {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Visits every (output pixel, in-bounds tap) pair: fn(xOffset, dyOffset, tapOffset), offsets at channel 0. */
function forEachTap(g: Geometry, fn: (xo: number, yo: number, to: number) => void): void {
  const { n, h, w, c, oh, ow, oc, kh, kw, sh, sw, dh, dw, pt, pl } = g;
  let yo = 0;
  for (let b = 0; b < n; b++) {
    const xb = b * h * w * c;
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++, yo += oc) {
        for (let i = 0; i < kh; i++) {
          const iy = y * sh + i * dh - pt;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < kw; j++) {
            const ix = x * sw + j * dw - pl;
            if (ix < 0 || ix >= w) continue;
            fn(xb + (iy * w + ix) * c, yo, (i * kw + j) * oc);
          }
        }
      }
    }
  }
}

export function depthwiseFilterGrad(x: Float32Array, dy: Float32Array, g: Geometry, dw: Float32Array): void {
  const { c, oc } = g;
  const mul = oc / c;
  dw.fill(0);
  if (mul === 1) {
    forEachTap(g, (xo, yo, to) => {
      for (let ch = 0; ch < c; ch++) dw[to + ch] += x[xo + ch] * dy[yo + ch];
    });
    return;
  }
  forEachTap(g, (xo, yo, to) => {
    for (let ch = 0; ch < c; ch++) {
      const v = x[xo + ch];
      for (let q = 0; q < mul; q++) dw[to + ch * mul + q] += v * dy[yo + ch * mul + q];
    }
  });
}

export function depthwiseInputGrad(dy: Float32Array, filter: Float32Array, g: Geometry, dx: Float32Array): void {
  const { c, oc } = g;
  const mul = oc / c;
  dx.fill(0);
  if (mul === 1) {
    forEachTap(g, (xo, yo, to) => {
      for (let ch = 0; ch < c; ch++) dx[xo + ch] += filter[to + ch] * dy[yo + ch];
    });
    return;
  }
  forEachTap(g, (xo, yo, to) => {
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let q = 0; q < mul; q++) s += filter[to + ch * mul + q] * dy[yo + ch * mul + q];
      dx[xo + ch] += s;
    }
  });
}

/** The SIMD kernel for multiplier 1: mode 0 writes dW from (x, dy), mode 1 dx from (filter, dy). */
function simdGrad(
  backend: WasmBackend,
  src: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  mode: 0 | 1,
  g: Geometry,
): boolean {
  const simd = g.oc === g.c ? simdKernels(backend) : null;
  if (!simd) return false;
  f32(backend, out).fill(0);
  simd.depthwise_grad(
    offsetOf(backend, src),
    offsetOf(backend, dy),
    offsetOf(backend, out),
    mode,
    g.n,
    g.h,
    g.w,
    g.c,
    g.oh,
    g.ow,
    g.kh,
    g.kw,
    g.sh,
    g.sw,
    g.dh,
    g.dw,
    g.pt,
    g.pl,
  );
  return true;
}

function backpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: unknown;
  attrs: Attrs & { filterShape: number[] };
}): TensorInfo {
  const {
    inputs: { x, dy },
    attrs,
  } = args;
  const backend = asWasm(args.backend);
  const g = convGeometry(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const out = alloc(backend, attrs.filterShape);
  if (simdGrad(backend, x, dy, out, 0, g)) return out;
  depthwiseFilterGrad(f32(backend, x), f32(backend, dy), g, f32(backend, out));
  return out;
}

function backpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: unknown;
  attrs: Attrs & { inputShape: number[] };
}): TensorInfo {
  const {
    inputs: { dy, filter },
    attrs,
  } = args;
  const backend = asWasm(args.backend);
  const g = convGeometry(
    attrs.inputShape,
    filter.shape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const dx = alloc(backend, attrs.inputShape);
  if (simdGrad(backend, filter, dy, dx, 1, g)) return dx;
  depthwiseInputGrad(f32(backend, dy), f32(backend, filter), g, f32(backend, dx));
  return dx;
}

export const depthwiseBackpropConfigs: KernelConfig[] = [
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    backendName: 'wasm',
    kernelFunc: backpropFilter as unknown as KernelFunc,
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backendName: 'wasm',
    kernelFunc: backpropInput as unknown as KernelFunc,
  },
];
