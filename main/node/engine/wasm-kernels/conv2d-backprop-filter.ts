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
import { ortGemmActive } from './ort-gemm';
import { ortGemmT } from './ort-gemm-t';
import { tapGemmApplies, tapGemmFilterGrad } from './tap-gemm';
import { im2colInto } from './im2col-forward';

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

let path: 'auto' | 'conv' | 'im2col' = 'auto';

/**
 * 'auto': the measured cheaper of the convolution path and im2col + GEMM (see preferIm2col);
 * 'conv': the convolution path wherever it applies (the choice before ResNet-sized layers were
 * measured); 'im2col': always im2col (tests, benchmarks).
 */
export function setFilterGradPath(p: 'auto' | 'conv' | 'im2col'): void {
  path = p;
}

/** The im2col matrix's size limit: above it the convolution path (no matrix) is taken. */
const IM2COL_MAX_BYTES = 64 * 2 ** 20;

/**
 * Where im2col + one GEMM beats XNNPACK's convolution over the batch (CPU time, ResNet-18 and
 * VGG-11 layers at batch 64, 3x32x32 inputs): strides above 1 (15-20% faster), more than 64
 * input channels (10-20%), maps under 64 pixels, and 3x3 kernels over few channels (VGG's first
 * layer, 40 ms against 54). The convolution path stays for 64-channel layers on 8x8 maps and
 * larger (layer1: 16.7 ms against 19.0) and for LeNet's 5x5 kernels; and wherever the im2col
 * matrix would pass 64 MiB (large maps), so memory stays bounded. With the GEMM on ONNX Runtime
 * (ort-gemm.ts, 2-2.5x XNNPACK's throughput) im2col wins everywhere under that limit.
 */
export function preferIm2col(g: Geometry): boolean {
  if (g.kh * g.kw * g.c * g.n * g.oh * g.ow * 4 > IM2COL_MAX_BYTES) return false;
  if (ortGemmActive()) return true;
  return g.sh > 1 || g.sw > 1 || g.c > 64 || g.oh * g.ow < 64 || (g.c < 8 && g.kh * g.kw <= 9);
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
    if (path === 'auto' && wholeMapApplies(g)) return wholeMapFilterGrad(backend, x, dy, g);
    if (path === 'auto' && tapGemmApplies(g, backend, true)) return tapGemmFilterGrad(backend, x, dy, g);
    const simd = path === 'im2col' ? null : simdKernels(backend);
    if (simd && filterGradC1Applies(g)) return filterGradC1(simd, backend, x, dy, g);
    if (kernels && (path === 'conv' || (path === 'auto' && !preferIm2col(g)))) {
      const viaConv = filterGradViaConv(kernels, backend, x, dy, g);
      if (viaConv) return viaConv;
    }
    const k = g.kh * g.kw * g.c;
    const m = g.n * g.oh * g.ow;
    const out = alloc(backend, [g.kh, g.kw, g.c, g.oc]);
    if (simd && g.dh === 1 && g.dw === 1 && ortGemmActive()) {
      // im2col(x) [m, k] as it comes (SIMD, row by row), and its transpose left to the GEMM.
      const col = alloc(backend, [m, k]);
      im2colInto(backend, x, col, g);
      if (ortGemmT(f32(backend, col), f32(backend, dy), f32(backend, out), k, m, g.oc, true, false)) {
        free(backend, col);
        return out;
      }
      free(backend, col);
    }
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
