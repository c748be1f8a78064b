// The forward convolution as im2col + one GEMM, for when the GEMM runs on ONNX Runtime
// (ort-gemm.ts, 2-2.5x XNNPACK's throughput on one core): col [n*oh*ow, kh*kw*c] times the
// filter as it lies in memory ([kh, kw, c, oc] = [K, oc]) gives the output in NHWC directly.
// A 1x1 convolution with stride 1 and no padding needs no im2col (col is x itself).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, gemm, offsetOf, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';
import { validRange } from './conv2d-backprop-filter';
import { simdKernels } from './simd';

const COL_MAX_BYTES = 64 * 2 ** 20;

/**
 * Dilation 1, the matrix under 64 MiB, and 8 input channels or more (below that XNNPACK's direct
 * convolution was faster: LeNet's 5x5 1->6 2.1 ms against 5.1, VGG's 3x3 3->64 on 32x32 11 against
 * 14), or a strided stem with few channels and a large kernel (ResNet's 7x7/2 3->64: 7.1-7.4 ms
 * against 11.5-11.6 on 32x32 inputs, 31 against 47 on 64x64; CPU time at load 14).
 */
export function im2colForwardApplies(g: Geometry): boolean {
  const stem = g.sh > 1 && g.sw > 1 && g.kh * g.kw * g.c >= 64;
  return (g.c >= 8 || stem) && g.dh === 1 && g.dw === 1 && g.n * g.oh * g.ow * g.kh * g.kw * g.c * 4 <= COL_MAX_BYTES;
}

/** col[(b*oh + y)*ow + x][(i*kw + j)*c + ch] = x[b, y*sh + i - pt, x*sw + j - pl, ch], 0 outside. */
export function im2col(xv: Float32Array, g: Geometry, col: Float32Array): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  const k = kh * kw * c;
  const ranges = Array.from({ length: kw }, (_, j) => validRange(j - pl, sw, w, ow));
  col.fill(0);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const rowBase = (b * oh + y) * ow * k;
      for (let i = 0; i < kh; i++) {
        const iy = y * sh + i - pt;
        if (iy < 0 || iy >= h) continue;
        const src0 = (b * h + iy) * w * c;
        for (let j = 0; j < kw; j++) {
          const [lo, hi] = ranges[j];
          let dst = rowBase + lo * k + (i * kw + j) * c;
          let src = src0 + (lo * sw + j - pl) * c;
          if (c >= 16) {
            for (let x = lo; x < hi; x++, dst += k, src += sw * c) col.set(xv.subarray(src, src + c), dst);
          } else {
            for (let x = lo; x < hi; x++, dst += k, src += sw * c) {
              for (let ch = 0; ch < c; ch++) col[dst + ch] = xv[src + ch];
            }
          }
        }
      }
    }
  }
}

/** col [n*oh*ow, kh*kw*c] = im2col(x) (dilation 1): the SIMD kernel, or the JavaScript loop without it. */
export function im2colInto(backend: WasmBackend, x: TensorInfo, col: TensorInfo, g: Geometry): void {
  const simd = simdKernels(backend);
  if (simd) {
    simd.im2col(
      offsetOf(backend, x),
      offsetOf(backend, col),
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
      g.pt,
      g.pl,
    );
  } else {
    im2col(f32(backend, x), g, f32(backend, col));
  }
}

/** conv2d(x, filter) [n, oh, ow, oc] as im2col + GEMM. */
export function im2colForward(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, g: Geometry): TensorInfo {
  const m = g.n * g.oh * g.ow,
    k = g.kh * g.kw * g.c;
  const out = alloc(backend, [g.n, g.oh, g.ow, g.oc]);
  const direct = g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0;
  if (direct) {
    gemm(backend, x, filter, out, m, k, g.oc);
    return out;
  }
  const col = alloc(backend, [m, k]);
  im2colInto(backend, x, col, g);
  gemm(backend, col, filter, out, m, k, g.oc);
  free(backend, col);
  return out;
}
