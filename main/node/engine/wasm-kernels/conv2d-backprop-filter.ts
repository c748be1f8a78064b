// Conv2DBackpropFilter (missing from tfjs-backend-wasm): dW = im2col(x)^T . dy as one GEMM on
// the backend's XNNPACK. The im2col matrix is written already transposed, [kh*kw*c, n*oh*ow],
// so that the product lands directly in tfjs's filter layout [kh, kw, c, oc].
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, free, gemm, scratchCopy } from './heap';
import { assertNHWC, convGeometry, type Geometry } from './conv-info';
import { filterGradViaConv, type ConvKernels } from './filter-grad-conv';
import { filterGradC1, filterGradC1Applies } from './filter-grad-c1';
import { simdKernels } from './simd';
import { wholeMapApplies, wholeMapFilterGrad } from './whole-map-conv';

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** The output columns [lo, hi) whose tap at offset `off` (= j*dw - pl) falls inside [0, w). */
export function validRange(off: number, stride: number, w: number, ow: number): [number, number] {
  const lo = off >= 0 ? 0 : Math.ceil(-off / stride);
  const hi = Math.min(ow, Math.floor((w - 1 - off) / stride) + 1);
  return [Math.min(lo, ow), Math.max(Math.min(lo, ow), hi)];
}

/** colT[(i*kw + j)*c + ch][(b*oh + y)*ow + x] = x[b, y*sh + i*dh - pt, x*sw + j*dw - pl, ch], 0 outside. */
export function im2colT(x: Float32Array, g: Geometry, colT: Float32Array): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl } = g;
  const m = n * oh * ow;
  const step = sw * c;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const off = j * dw - pl;
      const [lo, hi] = validRange(off, sw, w, ow);
      for (let ch = 0; ch < c; ch++) {
        let o = ((i * kw + j) * c + ch) * m;
        for (let b = 0; b < n; b++) {
          const xb = b * h * w * c + ch;
          for (let y = 0; y < oh; y++, o += ow) {
            const iy = y * sh + i * dh - pt;
            if (iy < 0 || iy >= h) {
              for (let q = 0; q < ow; q++) colT[o + q] = 0;
              continue;
            }
            for (let q = 0; q < lo; q++) colT[o + q] = 0;
            let src = xb + iy * w * c + (lo * sw + off) * c;
            for (let q = lo; q < hi; q++, src += step) colT[o + q] = x[src];
            for (let q = hi; q < ow; q++) colT[o + q] = 0;
          }
        }
      }
    }
  }
}

let forceIm2col = false;

/** 'auto': the convolution path where it applies, else im2col; 'im2col': always im2col (tests, benchmarks). */
export function setFilterGradPath(path: 'auto' | 'im2col'): void {
  forceIm2col = path === 'im2col';
}

export function makeConv2DBackpropFilter(kernels: ConvKernels | null): KernelConfig {
  function conv2DBackpropFilter(args: {
    inputs: { x: TensorInfo; dy: TensorInfo };
    backend: unknown;
    attrs: Attrs;
  }): TensorInfo {
    const {
      inputs: { x, dy },
      attrs,
    } = args;
    assertNHWC('Conv2DBackpropFilter', attrs.dataFormat);
    const backend = asWasm(args.backend);
    const g = convGeometry(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false);
    if (!forceIm2col && wholeMapApplies(g)) return wholeMapFilterGrad(backend, x, dy, g);
    const simd = forceIm2col ? null : simdKernels(backend);
    if (simd && filterGradC1Applies(g)) return filterGradC1(simd, backend, x, dy, g);
    if (kernels && !forceIm2col) {
      const viaConv = filterGradViaConv(kernels, backend, x, dy, g);
      if (viaConv) return viaConv;
    }
    const k = g.kh * g.kw * g.c;
    const m = g.n * g.oh * g.ow;
    const out = alloc(backend, [g.kh, g.kw, g.c, g.oc]);
    const colT = alloc(backend, [k, m]);
    const dyCopy = scratchCopy(backend, dy);
    im2colT(f32(backend, x), g, f32(backend, colT));
    gemm(backend, colT, dyCopy, out, k, m, g.oc);
    free(backend, colT, dyCopy);
    return out;
  }
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
  };
}
