// Geometry of a 2-D convolution or pooling window, from tfjs's own shape arithmetic, so that
// every kernel here agrees with the cpu backend on output sizes and padding.
import { backend_util } from '@tensorflow/tfjs-core';
import { explicitPad, type Pad } from './numeric-padding';

type Rounding = 'floor' | 'round' | 'ceil' | undefined;
type Pair = number | [number, number];

export interface Geometry {
  n: number;
  h: number;
  w: number;
  c: number;
  oh: number;
  ow: number;
  oc: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  pt: number;
  pl: number;
}

function fromInfo(i: backend_util.Conv2DInfo): Geometry {
  return {
    n: i.batchSize,
    h: i.inHeight,
    w: i.inWidth,
    c: i.inChannels,
    oh: i.outHeight,
    ow: i.outWidth,
    oc: i.outChannels,
    kh: i.filterHeight,
    kw: i.filterWidth,
    sh: i.strideHeight,
    sw: i.strideWidth,
    dh: i.dilationHeight,
    dw: i.dilationWidth,
    pt: i.padInfo.top,
    pl: i.padInfo.left,
  };
}

export function convGeometry(
  inShape: number[],
  filterShape: number[],
  strides: Pair,
  dilations: Pair,
  pad: Pad,
  rounding: Rounding,
  depthwise: boolean,
): Geometry {
  return fromInfo(
    backend_util.computeConv2DInfo(
      inShape as [number, number, number, number],
      filterShape as [number, number, number, number],
      strides,
      dilations,
      explicitPad(pad),
      rounding,
      depthwise,
      'channelsLast',
    ),
  );
}

export function poolGeometry(
  inShape: number[],
  filterSize: Pair,
  strides: Pair,
  pad: Pad,
  rounding: Rounding,
): Geometry {
  return fromInfo(
    backend_util.computePool2DInfo(
      inShape as [number, number, number, number],
      filterSize,
      strides,
      1,
      explicitPad(pad),
      rounding,
      'channelsLast',
    ),
  );
}

/** Rejects NCHW: the wasm backend's convolutions are NHWC only. */
export function assertNHWC(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${kernel} on the wasm backend supports NHWC only, got ${dataFormat}.`);
  }
}
