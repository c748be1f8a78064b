// Conv2DBackpropFilter for a layer with one input channel (a grayscale network's first
// convolution: LeNet-5's conv1), stride 1, dilation 1, in the SIMD kernels: the input zero-padded
// into planar rows, the output gradient made planar, then bf_c1 sums input x gradient four
// columns at a time. XNNPACK's convolution path spends most of its time packing the
// [oh, ow, n, oc] "filter" it is handed; this computes directly (LeNet-5's conv1: about 2 ms ->
// about 1 ms).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { Geometry } from './conv-info';
import { alloc, f32, free, offsetOf, type WasmBackend } from './heap';
import type { SimdKernels } from './simd';

/** Whether bf_c1 applies (and is the faster path: few output channels). */
export function filterGradC1Applies(g: Geometry): boolean {
  return g.c === 1 && g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && g.oc <= 16 && g.pt >= 0 && g.pl >= 0;
}

export function filterGradC1(
  simd: SimdKernels,
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  g: Geometry,
): TensorInfo {
  const { n, h, w, oh, ow, oc, kh, kw, pt, pl } = g;
  const ow4 = Math.ceil(ow / 4) * 4;
  const hp = oh + kh - 1;
  const wp = ow4 + 5 * Math.ceil(kw / 5) + 3;
  const xp = alloc(backend, [n, hp, wp]);
  const dzt = alloc(backend, [n, oc, oh, ow4]);
  const dw = alloc(backend, [kh, kw, 1, oc]);
  // Views only after the last allocation (an allocation may grow the heap and detach them).
  const xpv = f32(backend, xp),
    xv = f32(backend, x);
  xpv.fill(0);
  const rows = Math.min(h, hp - pt);
  const cols = Math.min(w, wp - pl);
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < rows; r++) {
      const src = (b * h + r) * w;
      xpv.set(xv.subarray(src, src + cols), (b * hp + r + pt) * wp + pl);
    }
  }
  simd.planar_dz(offsetOf(backend, dy), offsetOf(backend, dzt), n, oh, ow, oc, ow4);
  simd.bf_c1(offsetOf(backend, xp), offsetOf(backend, dzt), offsetOf(backend, dw), n, oh, ow4, hp, wp, oc, kh, kw);
  free(backend, xp, dzt);
  return dw;
}
