// Conv2DBackpropInput for stride 1 as one forward convolution on the backend's XNNPACK:
// dx = conv2d(dy, W'), W'[i, j, o, c] = W[kh-1-i, kw-1-j, c, o] (flipped, in/out swapped), padded
// by kh-1-pt on top and kw-1-pl on the left, and on the bottom/right so that the output has
// the input's size. Returns null for strides other than 1, dilations, or a negative padding;
// the caller then uses GEMM + col2im.
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';

export function flipFilter(w: Float32Array, g: Geometry, out: Float32Array): void {
  const { kh, kw, c, oc } = g;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const src = ((kh - 1 - i) * kw + (kw - 1 - j)) * c * oc;
      const dst = (i * kw + j) * oc * c;
      for (let ch = 0; ch < c; ch++) {
        for (let o = 0; o < oc; o++) out[dst + o * c + ch] = w[src + ch * oc + o];
      }
    }
  }
}

export function inputGradViaConv(
  conv2d: KernelConfig,
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  g: Geometry,
): TensorInfo | null {
  const { h, w, oh, ow, kh, kw, pt, pl } = g;
  if (g.sh !== 1 || g.sw !== 1 || g.dh !== 1 || g.dw !== 1) return null;
  const top = kh - 1 - pt,
    left = kw - 1 - pl;
  const bottom = h + kh - 1 - oh - top,
    right = w + kw - 1 - ow - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  const wf = alloc(backend, [kh, kw, g.oc, g.c]);
  flipFilter(f32(backend, filter), g, f32(backend, wf));
  const dx = conv2d.kernelFunc({
    inputs: { x: dy, filter: wf },
    backend,
    attrs: {
      strides: 1,
      dilations: 1,
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  } as never) as TensorInfo;
  free(backend, wf);
  return dx;
}
