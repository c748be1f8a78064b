// Convolutions over maps so small that every output pixel's window covers the whole input
// (ResNet-18's layer4 at 32x32 inputs: 3x3 kernels, padding 1, on 1x1 maps, and its first
// convolution, stride 2 from 2x2 to 1x1).
// There a padded convolution multiplies mostly zeros (a 3x3 kernel on a 1x1 map: 8 of 9 taps
// fall in the padding), and the whole layer is one dense product:
//   out[n, p, o] = sum_q x[n, q] * Wall[q, p, o],  q = (iy, ix, ch) over the input, p = (y, x) over the output,
//   Wall[(iy, ix, ch), (y, x, o)] = W[iy - y*sh + pt, ix - x*sw + pl, ch, o].
// x [n, h*w*c] and out [n, oh*ow*oc] are the tensors as they lie in memory (NHWC), so the
// forward pass, the input gradient (dy . Wall^T) and the filter gradient (x^T . dy, then each
// tap's entries summed back into W) are one GEMM each on the backend's XNNPACK, with
// h*w*oh*ow / (kh*kw) of the padded convolution's work (1/9 on a 1x1 map, 4/9 from 2x2 to 1x1).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, gemm, offsetOf, scratchCopy, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';
import { simdKernels } from './simd';
import { transpose2d } from './conv2d-backprop-input';

let enabled = true;

/** Switches the whole-map path off (tests compare it with the general paths; benchmarks time both). */
export function setWholeMapConv(on: boolean): void {
  enabled = on;
}

/**
 * Whether every output pixel's window covers the whole input, and Wall is at most half the size
 * of W (measured: on 1x1 maps the dense product is 3-8x faster than XNNPACK's padded convolution;
 * on 2x2 maps, stride 1, where Wall is 16/9 of W and each of its entries is used only n times, it
 * was no faster and at 512 channels slower).
 */
export function wholeMapApplies(g: Geometry): boolean {
  if (!enabled || g.dh !== 1 || g.dw !== 1 || 2 * g.h * g.w * g.oh * g.ow > g.kh * g.kw) return false;
  const covers = (size: number, out: number, k: number, s: number, p: number) =>
    p - (out - 1) * s >= 0 && size - 1 + p <= k - 1;
  return covers(g.h, g.oh, g.kh, g.sh, g.pt) && covers(g.w, g.ow, g.kw, g.sw, g.pl);
}

/** Wall [h*w*c, oh*ow*oc] (see the header) from W [kh, kw, c, oc]. */
export function packWholeMap(wv: Float32Array, g: Geometry, out: Float32Array): void {
  const { h, w, c, oh, ow, oc, kw, sh, sw, pt, pl } = g;
  const cols = oh * ow * oc;
  for (let iy = 0; iy < h; iy++) {
    for (let ix = 0; ix < w; ix++) {
      for (let y = 0; y < oh; y++) {
        for (let x = 0; x < ow; x++) {
          const src = ((iy - y * sh + pt) * kw + (ix - x * sw + pl)) * c * oc;
          const dst = (iy * w + ix) * c * cols + (y * ow + x) * oc;
          // One output pixel (cols = oc): the tap's [c, oc] block lies whole in both.
          if (cols === oc) out.set(wv.subarray(src, src + c * oc), dst);
          else for (let ch = 0; ch < c; ch++) out.set(wv.subarray(src + ch * oc, src + (ch + 1) * oc), dst + ch * cols);
        }
      }
    }
  }
}

/**
 * dW [kh, kw, c, oc]: each entry of dWall added to its tap (the inverse map of packWholeMap), in
 * the same order as onto zeros; a tap's first entries are copied, taps no entry reaches are zero.
 */
export function unpackWholeMapGrad(dWall: Float32Array, g: Geometry, dw: Float32Array): void {
  const { h, w, c, oh, ow, oc, kh, kw, sh, sw, pt, pl } = g;
  const cols = oh * ow * oc;
  const block = c * oc;
  const written = new Uint8Array(kh * kw);
  for (let iy = 0; iy < h; iy++) {
    for (let ix = 0; ix < w; ix++) {
      for (let y = 0; y < oh; y++) {
        for (let x = 0; x < ow; x++) {
          const tap = (iy - y * sh + pt) * kw + (ix - x * sw + pl);
          const first = written[tap] === 0;
          written[tap] = 1;
          const dst = tap * block;
          const src = (iy * w + ix) * c * cols + (y * ow + x) * oc;
          // cols = oc: the [c, oc] block is contiguous in dWall too.
          const [runs, run, stride] = cols === oc ? [1, block, 0] : [c, oc, cols];
          for (let r = 0; r < runs; r++) {
            const d = dst + r * oc,
              s0 = src + r * stride;
            if (first) dw.set(dWall.subarray(s0, s0 + run), d);
            else for (let o = 0; o < run; o++) dw[d + o] += dWall[s0 + o];
          }
        }
      }
    }
  }
  for (let tap = 0; tap < kh * kw; tap++) if (written[tap] === 0) dw.fill(0, tap * block, (tap + 1) * block);
}

function transposed(backend: WasmBackend, t: TensorInfo, rows: number, cols: number): TensorInfo {
  const out = alloc(backend, [cols, rows]);
  const simd = simdKernels(backend);
  if (simd) simd.swap_axes(offsetOf(backend, t), offsetOf(backend, out), rows, cols, 1);
  else transpose2d(f32(backend, t), rows, cols, f32(backend, out));
  return out;
}

/** out [n, oh, ow, oc] = conv2d(x, W): one GEMM x [n, h*w*c] . Wall. */
export function wholeMapForward(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, g: Geometry): TensorInfo {
  const k = g.h * g.w * g.c,
    cols = g.oh * g.ow * g.oc;
  const wall = alloc(backend, [k, cols]);
  const out = alloc(backend, [g.n, g.oh, g.ow, g.oc]);
  packWholeMap(f32(backend, filter), g, f32(backend, wall));
  gemm(backend, x, wall, out, g.n, k, cols);
  free(backend, wall);
  return out;
}

/**
 * dx [n, h, w, c] = dy [n, oh*ow*oc] . Wall^T, computed as dx^T = Wall . dy^T: XNNPACK then
 * packs the small dy^T, not the large Wall, and Wall needs no transposing.
 */
export function wholeMapInputGrad(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: Geometry): TensorInfo {
  const k = g.h * g.w * g.c,
    cols = g.oh * g.ow * g.oc;
  const wall = alloc(backend, [k, cols]);
  packWholeMap(f32(backend, filter), g, f32(backend, wall));
  const dyT = transposed(backend, dy, g.n, cols);
  const dxT = alloc(backend, [k, g.n]);
  gemm(backend, wall, dyT, dxT, k, cols, g.n);
  free(backend, wall, dyT);
  const dx = transposed(backend, dxT, k, g.n);
  free(backend, dxT);
  return { ...dx, shape: [g.n, g.h, g.w, g.c] };
}

/** dW [kh, kw, c, oc]: dWall = x^T [h*w*c, n] . dy [n, oh*ow*oc], each entry added to its tap. */
export function wholeMapFilterGrad(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: Geometry): TensorInfo {
  const k = g.h * g.w * g.c,
    cols = g.oh * g.ow * g.oc;
  const xT = transposed(backend, x, g.n, k);
  const dyCopy = scratchCopy(backend, dy);
  const dWall = alloc(backend, [k, cols]);
  gemm(backend, xT, dyCopy, dWall, k, g.n, cols);
  free(backend, xT, dyCopy);
  const dw = alloc(backend, [g.kh, g.kw, g.c, g.oc]);
  unpackWholeMapGrad(f32(backend, dWall), g, f32(backend, dw));
  free(backend, dWall);
  return dw;
}
