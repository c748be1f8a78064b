// Stride-1 convolutions on small maps as one GEMM per kernel tap over only the output pixels
// where that tap falls inside the image, so the padding is never multiplied. With a 3x3 kernel
// and padding 1, im2col + GEMM multiplies zeros for 31% of its work on a 4x4 map and 56% on a
// 2x2 map (ResNet-18's layer2/layer3 and VGG-11's last stages at 32x32 inputs); MLAS's direct
// convolution (ort-conv.ts) is slow there, its filter streaming from L3 for every narrow row.
// For tap t = (i, j) the output pixels with the tap inside the image form a rectangle
// R_t = [ylo, yhi) x [xlo, xhi), and the input pixels it reads form the same rectangle shifted
// by (i - pt, j - pl). With A_t = x on that input rectangle ([n * |R_t|, c], gathered by the SIMD
// rect_gather unless it is all of x) and W_t = W[i, j] ([c, oc], a view of the filter):
//   forward:          y[R_t]       += A_t . W_t
//   input gradient:   dx[R_t + s]  += dy[R_t] . W_t^T
//   filter gradient:  dW[i, j]      = A_t^T . dy[R_t]
// each a GEMM on ONNX Runtime with K = c or oc, the sums by the SIMD rect_add. The tap that
// covers everything (the centre one with 'same' padding) writes its result directly.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, offsetOf, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';
import { validRange } from './conv2d-backprop-filter';
import { simdKernels, type SimdKernels } from './simd';
import { ortGemmT } from './ort-gemm-t';
import { ortGemmActive } from './ort-gemm';

let mode: 'auto' | 'always' | 'off' = 'auto';

/** 'auto': where it was measured faster (tapGemmPreferred); 'always': wherever it applies (tests); 'off'. */
export function setTapGemm(m: 'auto' | 'always' | 'off'): void {
  mode = m;
}

interface Tap {
  /** offset of W[i, j] in floats */
  w: number;
  /** output rectangle */
  y0: number;
  ny: number;
  x0: number;
  nx: number;
  /** input rectangle's corner (same size) */
  iy0: number;
  ix0: number;
}

function taps(g: Geometry): Tap[] {
  const out: Tap[] = [];
  for (let i = 0; i < g.kh; i++) {
    const [ylo, yhi] = validRange(i - g.pt, 1, g.h, g.oh);
    for (let j = 0; j < g.kw; j++) {
      const [xlo, xhi] = validRange(j - g.pl, 1, g.w, g.ow);
      out.push({
        w: (i * g.kw + j) * g.c * g.oc,
        y0: ylo,
        ny: yhi - ylo,
        x0: xlo,
        nx: xhi - xlo,
        iy0: ylo + i - g.pt,
        ix0: xlo + j - g.pl,
      });
    }
  }
  return out;
}

/**
 * Stride 1, dilation 1, ONNX Runtime and the SIMD kernels present; 'auto' takes it where the
 * padding is a large part of im2col's work and the direct convolution is slow: maps of at most
 * 4x4 with at least 128 channels in and out, and for the filter gradient (which has no direct
 * path) maps of at most 8x8 with 64 or more (layer1's 64->64 on 8x8: 4.0 ms against 4.7 for
 * im2col + GEMM; VGG's 256->256 on 8x8: 66 against 71; on 16x16 it lost, 47 against 36; CPU
 * time at load 14; more in docs/PERFORMANCE.md).
 */
export function tapGemmApplies(g: Geometry, backend: WasmBackend, filterGrad = false): boolean {
  if (mode === 'off' || g.sh !== 1 || g.sw !== 1 || g.dh !== 1 || g.dw !== 1 || !ortGemmActive()) return false;
  if (simdKernels(backend) === null) return false;
  if (mode === 'always') return true;
  if (g.kh * g.kw === 1) return false;
  if (filterGrad) return g.oh * g.ow <= 64 && g.c >= 64 && g.oc >= 64;
  return g.oh * g.ow <= 16 && g.c >= 128 && g.oc >= 128;
}

/** The dense rectangle of `map` [n, h, w, ch] at (y0, x0), size ny x nx, into `buf` (or map itself when it is all of it). */
function gathered(
  simd: SimdKernels,
  backend: WasmBackend,
  map: TensorInfo,
  buf: TensorInfo,
  n: number,
  h: number,
  w: number,
  ch: number,
  y0: number,
  ny: number,
  x0: number,
  nx: number,
): Float32Array {
  if (ny === h && nx === w) return f32(backend, map);
  simd.rect_gather(offsetOf(backend, map), offsetOf(backend, buf), n, h, w, ch, y0, ny, x0, nx);
  return f32(backend, buf).subarray(0, n * ny * nx * ch);
}

/**
 * The forward convolution (into `dst` [n, oh, ow, oc]) or the input gradient (into `dst`
 * [n, h, w, c]): both sum, over the taps, a GEMM of a rectangle of the source map with W_t or
 * W_t^T into a rectangle of the destination map.
 */
function accumulate(
  backend: WasmBackend,
  src: TensorInfo,
  filter: TensorInfo,
  g: Geometry,
  inputGrad: boolean,
): TensorInfo {
  const simd = simdKernels(backend) as SimdKernels;
  const { n } = g;
  // source and destination maps: forward x -> y, input gradient dy -> dx
  const [sh, sw, sc] = inputGrad ? [g.oh, g.ow, g.oc] : [g.h, g.w, g.c];
  const [dh, dw, dc] = inputGrad ? [g.h, g.w, g.c] : [g.oh, g.ow, g.oc];
  const ts = taps(g).filter((t) => t.ny > 0 && t.nx > 0);
  const rows = n * Math.max(0, ...ts.map((t) => t.ny * t.nx));
  const dst = alloc(backend, [n, dh, dw, dc]);
  const a = alloc(backend, [rows, sc]);
  const tmp = alloc(backend, [rows, dc]);
  // The tap whose source and destination rectangles are both whole maps writes first, directly.
  const full = ts.findIndex((t) => t.ny === sh && t.nx === sw && sh === dh && sw === dw);
  if (full < 0) f32(backend, dst).fill(0);
  const order = full < 0 ? ts : [ts[full], ...ts.filter((_, q) => q !== full)];
  order.forEach((t, q) => {
    // source rectangle: forward reads x at the input rectangle, the input gradient dy at the output one
    const [sy, sx] = inputGrad ? [t.y0, t.x0] : [t.iy0, t.ix0];
    const [ty, tx] = inputGrad ? [t.iy0, t.ix0] : [t.y0, t.x0];
    const m = n * t.ny * t.nx;
    const av = gathered(simd, backend, src, a, n, sh, sw, sc, sy, t.ny, sx, t.nx);
    const wt = f32(backend, filter).subarray(t.w, t.w + g.c * g.oc);
    if (full >= 0 && q === 0) {
      ortGemmT(av, wt, f32(backend, dst), m, sc, dc, false, inputGrad);
      return;
    }
    ortGemmT(av, wt, f32(backend, tmp).subarray(0, m * dc), m, sc, dc, false, inputGrad);
    simd.rect_add(offsetOf(backend, dst), offsetOf(backend, tmp), n, dh, dw, dc, ty, t.ny, tx, t.nx);
  });
  free(backend, a, tmp);
  return dst;
}

/** conv2d(x, filter) [n, oh, ow, oc]. */
export function tapGemmForward(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, g: Geometry): TensorInfo {
  return accumulate(backend, x, filter, g, false);
}

/** Conv2DBackpropInput [n, h, w, c]. */
export function tapGemmInputGrad(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: Geometry): TensorInfo {
  return accumulate(backend, dy, filter, g, true);
}

/** Conv2DBackpropFilter [kh, kw, c, oc]: per tap, x's rectangle^T . dy's rectangle (zero where the tap never lands). */
export function tapGemmFilterGrad(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: Geometry): TensorInfo {
  const simd = simdKernels(backend) as SimdKernels;
  const { n, c, oc } = g;
  const ts = taps(g);
  const rows = n * Math.max(0, ...ts.map((t) => t.ny * t.nx));
  const out = alloc(backend, [g.kh, g.kw, c, oc]);
  const a = alloc(backend, [rows, c]);
  const b = alloc(backend, [rows, oc]);
  for (const t of ts) {
    const slice = () => f32(backend, out).subarray(t.w, t.w + c * oc);
    if (t.ny <= 0 || t.nx <= 0) {
      slice().fill(0);
      continue;
    }
    const av = gathered(simd, backend, x, a, n, g.h, g.w, c, t.iy0, t.ny, t.ix0, t.nx);
    const bv = gathered(simd, backend, dy, b, n, g.oh, g.ow, oc, t.y0, t.ny, t.x0, t.nx);
    ortGemmT(av, bv, slice(), c, n * t.ny * t.nx, oc, true, false);
  }
  free(backend, a, b);
  return out;
}
