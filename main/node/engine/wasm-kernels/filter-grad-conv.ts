// Conv2DBackpropFilter as one forward convolution on the backend's XNNPACK, with the batch as
// the reduction channels: dW[c, i, j, o] = sum_{b,y,x} xT[c, i + y*sh - pt, j + x*sw - pl, b] *
// dyT[y, x, b, o], i.e. conv2d(xT = x^(3,1,2,0), filter dyT = dy^(1,2,0,3), dilation = stride),
// whose output [c, kh, kw, o] is transposed back to [kh, kw, c, o]. XNNPACK builds the patches
// itself (indirection buffer), so no im2col matrix is written. Returns null when the geometry
// would need a negative padding (the last input rows or columns unused); the caller then uses im2col.
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { free, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';

export interface ConvKernels { conv2d: KernelConfig; transpose: KernelConfig }

function run(k: KernelConfig, backend: WasmBackend, inputs: Record<string, TensorInfo>, attrs: object): TensorInfo {
  return k.kernelFunc({ inputs, backend, attrs } as never) as TensorInfo;
}

export function filterGradViaConv(k: ConvKernels, backend: WasmBackend, x: TensorInfo, dy: TensorInfo, g: Geometry): TensorInfo | null {
  const { h, w, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  const pb = kh + (oh - 1) * sh - h - pt;
  const pr = kw + (ow - 1) * sw - w - pl;
  if (pb < 0 || pr < 0 || pt < 0 || pl < 0 || g.dh !== 1 || g.dw !== 1) return null;
  const xT = run(k.transpose, backend, { x }, { perm: [3, 1, 2, 0] });
  const dyT = run(k.transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const out = run(k.conv2d, backend, { x: xT, filter: dyT }, {
    strides: 1, dilations: [sh, sw], pad: [[0, 0], [pt, pb], [pl, pr], [0, 0]], dataFormat: 'NHWC',
  });
  free(backend, xT, dyT);
  if (g.c === 1) return { ...out, shape: [kh, kw, 1, g.oc] };
  const dw = run(k.transpose, backend, { x: out }, { perm: [1, 2, 0, 3] });
  free(backend, out);
  return dw;
}
