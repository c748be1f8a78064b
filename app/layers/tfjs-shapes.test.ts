// Shapes against tfjs-layers' own computeOutputShape, for the kinds tfjs has. tfjs works in NHWC,
// Netloom (PyTorch) in NCHW: inputs are transposed to [null, H, W, C] and outputs back.
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../graph/types';
import { getLayer, parseParams } from './registry';

function ours(type: string, params: Record<string, unknown>, input: Shape): Shape | null {
  const p = parseParams(type, params);
  if (!p.ok) throw new Error(p.error);
  const r = (getLayer(type) ?? { inferShape: () => null }).inferShape([input], p.value);
  return r && r.ok ? r.value : null;
}

/** Deterministic cases (a small LCG), so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

const nhwc = ([c, h, w]: Shape) => [null, h, w, c];
const nchw = (s: (number | null)[]) => [s[3], s[1], s[2]] as Shape;
const valid = (s: Shape) => s.every((d) => d > 0);

describe('shapes agree with tfjs-layers computeOutputShape', () => {
  it('Conv2d with padding 0 / "valid" and "same" at stride 1 = tf.layers.conv2d', () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const x: Shape = [1 + r(4), 1 + r(14), 1 + r(14)];
      const k: [number, number] = [1 + r(5), 1 + r(5)];
      const same = r(4) === 0;
      const s: [number, number] = same ? [1, 1] : [1 + r(3), 1 + r(3)];
      const d: [number, number] = same || r(3) > 0 ? [1, 1] : [1 + r(2), 1 + r(2)];
      const filters = 1 + r(5);
      const tf = nchw(
        tfl.layers
          .conv2d({ filters, kernelSize: k, strides: s, dilationRate: d, padding: same ? 'same' : 'valid' })
          .computeOutputShape(nhwc(x)) as (number | null)[],
      );
      const padding = same ? 'same' : r(2) ? 'valid' : 0;
      const got = ours('Conv2d', { out_channels: filters, kernel_size: k, stride: s, dilation: d, padding }, x);
      expect(got, `Conv2d k${k} s${s} d${d} ${padding} on ${x}`).toEqual(valid(tf) ? tf : null);
    }
  });

  it('MaxPool2d and AvgPool2d (padding 0, floor mode) = tf.layers.maxPooling2d / averagePooling2d', () => {
    const r = rng(11);
    for (let i = 0; i < 200; i++) {
      const x: Shape = [1 + r(3), 1 + r(12), 1 + r(12)];
      const k: [number, number] = [1 + r(4), 1 + r(4)];
      const s: [number, number] = [1 + r(3), 1 + r(3)];
      const max = r(2) === 0;
      const layer = max ? tfl.layers.maxPooling2d : tfl.layers.averagePooling2d;
      const tf = nchw(
        layer({ poolSize: k, strides: s, padding: 'valid' }).computeOutputShape(nhwc(x)) as (number | null)[],
      );
      const got = ours(max ? 'MaxPool2d' : 'AvgPool2d', { kernel_size: k, stride: s }, x);
      expect(got, `${max ? 'Max' : 'Avg'}Pool2d k${k} s${s} on ${x}`).toEqual(valid(tf) ? tf : null);
    }
  });

  it('Linear = tf.layers.dense; Flatten = tf.layers.flatten (same element count)', () => {
    for (const [f, units] of [
      [400, 120],
      [1, 1],
      [784, 200],
      [9216, 4096],
    ]) {
      const tf = tfl.layers.dense({ units }).computeOutputShape([null, f]) as (number | null)[];
      expect(ours('Linear', { out_features: units }, [f])).toEqual(tf.slice(1));
    }
    for (const x of [
      [16, 5, 5],
      [3, 7, 2],
      [1, 1, 1],
      [256, 6, 6],
    ] as Shape[]) {
      const tf = tfl.layers.flatten().computeOutputShape(nhwc(x)) as (number | null)[];
      expect(ours('Flatten', {}, x)).toEqual(tf.slice(1));
    }
  });

  it('Upsample (nearest, integer scale) = tf.layers.upSampling2d', () => {
    for (const [x, size] of [
      [
        [2, 5, 5],
        [2, 2],
      ],
      [
        [1, 5, 7],
        [2, 3],
      ],
      [
        [4, 1, 3],
        [3, 1],
      ],
    ] as [Shape, [number, number]][]) {
      const tf = nchw(tfl.layers.upSampling2d({ size }).computeOutputShape(nhwc(x)) as (number | null)[]);
      expect(ours('Upsample', { scale_factor: size }, x)).toEqual(tf);
    }
  });

  it('BatchNorm2d = tf.layers.batchNormalization; AdaptiveAvgPool2d(1) + Flatten = tf.layers.globalAveragePooling2d', () => {
    for (const x of [
      [6, 4, 4],
      [64, 56, 56],
      [1, 1, 1],
    ] as Shape[]) {
      const bn = nchw(tfl.layers.batchNormalization({ axis: -1 }).computeOutputShape(nhwc(x)) as (number | null)[]);
      expect(ours('BatchNorm2d', {}, x)).toEqual(bn);
      const gap = tfl.layers.globalAveragePooling2d({}).computeOutputShape(nhwc(x)) as (number | null)[];
      const pooled = ours('AdaptiveAvgPool2d', { output_size: 1 }, x) as Shape;
      expect(ours('Flatten', {}, pooled)).toEqual(gap.slice(1));
    }
  });
});
