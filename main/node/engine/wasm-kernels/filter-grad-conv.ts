// Conv2DBackpropFilter as one forward convolution on the backend's XNNPACK, with the batch as
// the reduction channels: dW[c, i, j, o] = sum_{b,y,x} xT[c, i + y*sh - pt, j + x*sw - pl, b] *
// dyT[y, x, b, o], i.e. conv2d(xT = x^(3,1,2,0), filter dyT = dy^(1,2,0,3), dilation = stride),
// whose output [c, kh, kw, o] is transposed back to [kh, kw, c, o]. XNNPACK builds the patches
// itself (indirection buffer), so no im2col matrix is written. Returns null when the geometry
// would need a negative padding (the last input rows or columns unused); the caller then uses im2col.
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, free, offsetOf, type WasmBackend } from './heap';
import { simdKernels } from './simd';
import type { Geometry } from './conv-info';

export interface ConvKernels {
  conv2d: KernelConfig;
  transpose: KernelConfig;
}

function run(
  k: KernelConfig,
  backend: WasmBackend,
  inputs: Record<string, TensorInfo>,
  attrs: object,
  shape?: number[],
): TensorInfo {
  const out = k.kernelFunc({ inputs, backend, attrs } as never) as TensorInfo;
  return shape ? { ...out, shape } : out;
}

/** t viewed as [a, b, inner] -> [b, a, inner] (shape `to`): the SIMD kernel, or tfjs's Transpose without it. */
function swapAxes(
  k: ConvKernels,
  backend: WasmBackend,
  t: TensorInfo,
  a: number,
  b: number,
  inner: number,
  to: number[],
): TensorInfo {
  const simd = simdKernels(backend);
  if (!simd) return run(k.transpose, backend, { x: { ...t, shape: [a, b, inner] } }, { perm: [1, 0, 2] }, to);
  const out = alloc(backend, to);
  simd.swap_axes(offsetOf(backend, t), offsetOf(backend, out), a, b, inner);
  return out;
}

/** t viewed as [a, m, c] -> [c, m, a] (shape `to`): the wasm kernel, or tfjs's Transpose without it. */
function reverse3(
  k: ConvKernels,
  backend: WasmBackend,
  t: TensorInfo,
  a: number,
  m: number,
  c: number,
  to: number[],
): TensorInfo {
  const simd = simdKernels(backend);
  if (!simd) return run(k.transpose, backend, { x: { ...t, shape: [a, m, c] } }, { perm: [2, 1, 0] }, to);
  const out = alloc(backend, to);
  if (c === 1) simd.swap_axes(offsetOf(backend, t), offsetOf(backend, out), a, m, 1);
  else simd.reverse3(offsetOf(backend, t), offsetOf(backend, out), a, m, c);
  return out;
}

export function filterGradViaConv(
  k: ConvKernels,
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  g: Geometry,
): TensorInfo | null {
  const { h, w, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  const pb = kh + (oh - 1) * sh - h - pt;
  const pr = kw + (ow - 1) * sw - w - pl;
  if (pb < 0 || pr < 0 || pt < 0 || pl < 0 || g.dh !== 1 || g.dw !== 1) return null;
  const { n, c, oc } = g;
  // [n, h, w, c] -> [c, h, w, n], and [n, oh, ow, oc] -> [oh, ow, n, oc] (two axes swapped, blocks moved whole).
  const xT = reverse3(k, backend, x, n, h * w, c, [c, h, w, n]);
  const dyT = swapAxes(k, backend, dy, n, oh * ow, oc, [oh, ow, n, oc]);
  const out = run(
    k.conv2d,
    backend,
    { x: xT, filter: dyT },
    {
      strides: 1,
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [pt, pb],
        [pl, pr],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  free(backend, xT, dyT);
  if (c === 1) return { ...out, shape: [kh, kw, 1, oc] };
  const dw = swapAxes(k, backend, out, c, kh * kw, oc, [kh, kw, c, oc]);
  free(backend, out);
  return dw;
}
