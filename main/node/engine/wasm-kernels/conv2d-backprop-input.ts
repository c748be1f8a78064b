// Conv2DBackpropInput (tfjs-backend-wasm's own is a naive loop): col = dy . W^T as one GEMM on
// the backend's XNNPACK ([n*oh*ow, oc] x [oc, kh*kw*c]), then col2im scatters col into dx.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, free, gemm, offsetOf } from './heap';
import { simdKernels } from './simd';
import { convGeometry, type Geometry } from './conv-info';
import { validRange } from './conv2d-backprop-filter';
import { inputGradViaConv } from './input-grad-conv';
import { wholeMapApplies, wholeMapInputGrad } from './whole-map-conv';
import { ortGemmActive } from './ort-gemm';
import { ortConvInputGrad } from './ort-conv';
import { tapGemmApplies, tapGemmInputGrad } from './tap-gemm';

let inputPath: 'auto' | 'gemm' | 'conv' = 'auto';

/**
 * 'auto': the convolution path where it applies (stride 1) and is the cheaper, else GEMM + col2im;
 * 'conv': the convolution path wherever it applies; 'gemm': always GEMM + col2im (tests, benchmarks).
 */
export function setInputGradPath(path: 'auto' | 'gemm' | 'conv'): void {
  inputPath = path;
}

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}
type Args = { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: unknown; attrs: Attrs };

/** dx[b, y*sh + i*dh - pt, x*sw + j*dw - pl, ch] += col[(b*oh + y)*ow + x][(i*kw + j)*c + ch]. */
export function col2im(col: Float32Array, g: Geometry, dx: Float32Array): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl } = g;
  const k = kh * kw * c;
  const lo = new Int32Array(kw),
    hi = new Int32Array(kw),
    off = new Int32Array(kw);
  for (let j = 0; j < kw; j++) {
    off[j] = j * dw - pl;
    [lo[j], hi[j]] = validRange(off[j], sw, w, ow);
  }
  const xStep = sw * c;
  dx.fill(0);
  for (let b = 0; b < n; b++) {
    const xb = b * h * w * c;
    for (let y = 0; y < oh; y++) {
      const rowBase = (b * oh + y) * ow * k;
      for (let i = 0; i < kh; i++) {
        const iy = y * sh + i * dh - pt;
        if (iy < 0 || iy >= h) continue;
        const dxRow = xb + iy * w * c;
        for (let j = 0; j < kw; j++) {
          const x0 = lo[j],
            x1 = hi[j];
          let o = dxRow + (x0 * sw + off[j]) * c;
          let s = rowBase + x0 * k + (i * kw + j) * c;
          if (c === 1) {
            for (let x = x0; x < x1; x++, o += xStep, s += k) dx[o] += col[s];
          } else {
            for (let x = x0; x < x1; x++, o += xStep, s += k) {
              for (let ch = 0; ch < c; ch++) dx[o + ch] += col[s + ch];
            }
          }
        }
      }
    }
  }
}

/** wt[o][q] = w[q][o] for a row-major [rows, cols] matrix w. */
export function transpose2d(w: Float32Array, rows: number, cols: number, wt: Float32Array): void {
  for (let q = 0; q < rows; q++) {
    const s = q * cols;
    for (let o = 0; o < cols; o++) wt[o * rows + q] = w[s + o];
  }
}

export function makeConv2DBackpropInput(
  original: KernelConfig | undefined,
  conv2d: KernelConfig | undefined,
): KernelConfig {
  function conv2DBackpropInput(args: Args): TensorInfo {
    const {
      inputs: { dy, filter },
      attrs,
    } = args;
    const nchw = attrs.dataFormat === 'NCHW' || attrs.dataFormat === 'channelsFirst';
    if (nchw && original) return original.kernelFunc(args as never) as TensorInfo;
    if (nchw) throw new Error('Conv2DBackpropInput on the wasm backend supports NHWC only.');
    const backend = asWasm(args.backend);
    const g = convGeometry(attrs.inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false);
    if (inputPath === 'auto' && wholeMapApplies(g)) return wholeMapInputGrad(backend, dy, filter, g);
    if (inputPath === 'auto') {
      const direct = ortConvInputGrad(backend, dy, filter, g);
      if (direct) return direct;
      if (tapGemmApplies(g, backend)) return tapGemmInputGrad(backend, dy, filter, g);
    }
    const simd = g.dh === 1 && g.dw === 1 ? simdKernels(backend) : null;
    // The convolution path computes over the whole input, the GEMM over the output: where the
    // input is much the larger (a 5x5 kernel on a small map), or the input has few channels (the
    // convolution's output channels: XNNPACK does poorly below 8), the GEMM and a SIMD scatter win
    // (measured: 5x5 6->16 on 14x14 1.4 ms against 2.3; 5x5 3->32 padded 6.4 against 13.0; a 3x3
    // 16->32 or 64->64 padded convolution is 20-25% faster on the convolution path).
    // With the GEMM on ONNX Runtime (ort-gemm.ts) the GEMM path wins wherever its matrix stays under 64 MiB.
    const colBytes = g.n * g.oh * g.ow * g.kh * g.kw * g.c * 4;
    const gemmCheaper =
      simd !== null && (g.h * g.w >= 1.5 * g.oh * g.ow || g.c < 8 || (ortGemmActive() && colBytes <= 64 * 2 ** 20));
    if (conv2d && (inputPath === 'conv' || (inputPath === 'auto' && !gemmCheaper))) {
      const viaConv = inputGradViaConv(conv2d, backend, dy, filter, g);
      if (viaConv) return viaConv;
    }
    const k = g.kh * g.kw * g.c;
    const m = g.n * g.oh * g.ow;
    const dx = alloc(backend, attrs.inputShape);
    const wt = alloc(backend, [g.oc, k]);
    const col = alloc(backend, [m, k]);
    if (simd) simd.swap_axes(offsetOf(backend, filter), offsetOf(backend, wt), k, g.oc, 1);
    else transpose2d(f32(backend, filter), k, g.oc, f32(backend, wt));
    gemm(backend, dy, wt, col, m, g.oc, k);
    if (simd) {
      f32(backend, dx).fill(0);
      simd.col2im_add(
        offsetOf(backend, col),
        offsetOf(backend, dx),
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
      col2im(f32(backend, col), g, f32(backend, dx));
    }
    free(backend, wt, col);
    return dx;
  }
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    setupFunc: original?.setupFunc,
    kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
  };
}
