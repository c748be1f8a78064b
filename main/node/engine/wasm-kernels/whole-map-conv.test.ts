// The whole-map convolution (one dense GEMM where every output pixel's window covers the whole
// input: ResNet's 3x3 convolutions on 1x1 maps) against the cpu backend: forward
// (Conv2D, FusedConv2D with bias and ReLU) and both gradients through tf.grads, SIMD on and off.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf, type ConvPad } from './test-util';
import { convGeometry } from './conv-info';
import { setSimdKernels } from './simd';
import { wholeMapApplies } from './whole-map-conv';

interface Case {
  n: number;
  h: number;
  w: number;
  c: number;
  oc: number;
  k: [number, number];
  s: [number, number];
  pad: ConvPad;
}

const CASES: Case[] = [
  { n: 5, h: 1, w: 1, c: 6, oc: 7, k: [3, 3], s: [1, 1], pad: 1 }, // layer4 3x3 on 1x1
  { n: 4, h: 2, w: 2, c: 3, oc: 6, k: [3, 3], s: [2, 2], pad: 1 }, // layer4's first, stride 2 -> 1x1
  {
    n: 2,
    h: 1,
    w: 2,
    c: 4,
    oc: 3,
    k: [3, 5],
    s: [1, 1],
    pad: [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 0],
    ],
  },
  { n: 3, h: 3, w: 3, c: 2, oc: 5, k: [7, 7], s: [3, 3], pad: 'same' },
];

describe('whole-map convolution on wasm equals the cpu backend', () => {
  beforeAll(ready);

  it('applies to these geometries and not to 3x3 convolutions on 4x4 or 2x2 maps', () => {
    for (const k of CASES) {
      const g = convGeometry([k.n, k.h, k.w, k.c], [...k.k, k.c, k.oc], k.s, 1, k.pad, undefined, false);
      expect(wholeMapApplies(g), JSON.stringify(k)).toBe(true);
    }
    expect(wholeMapApplies(convGeometry([2, 4, 4, 3], [3, 3, 3, 3], 1, 1, 1, undefined, false))).toBe(false);
    expect(wholeMapApplies(convGeometry([2, 2, 2, 3], [3, 3, 3, 3], 1, 1, 1, undefined, false))).toBe(false);
    expect(wholeMapApplies(convGeometry([2, 1, 1, 3], [1, 1, 3, 3], 1, 1, 0, undefined, false))).toBe(false);
  });

  it.each([true, false])('forward, fused forward and both gradients (SIMD %s)', async (simd) => {
    setSimdKernels(simd);
    onTestFinished(() => setSimdKernels(true));
    for (const [i, k] of CASES.entries()) {
      const r = rng(31 + i);
      const xv = randomValues(r, k.n * k.h * k.w * k.c),
        fv = randomValues(r, k.k[0] * k.k[1] * k.c * k.oc),
        bv = randomValues(r, k.oc);
      const run = () => {
        const x = tf.tensor4d(xv, [k.n, k.h, k.w, k.c]),
          f = tf.tensor4d(fv, [...k.k, k.c, k.oc]),
          b = tf.tensor1d(bv);
        const plain = tf.conv2d(x, f, k.s, k.pad);
        const loss = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.fused.conv2d({
                x: xx as tf.Tensor4D,
                filter: ff as tf.Tensor4D,
                bias: bb,
                strides: k.s,
                pad: k.pad,
                activation: 'relu',
              }),
            ),
          );
        const fused = tf.fused.conv2d({ x, filter: f, bias: b, strides: k.s, pad: k.pad, activation: 'relu' });
        return [plain, fused, ...tf.grads(loss)([x, f, b])];
      };
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      const names = ['conv2d', 'fused conv2d', 'dx', 'dW', 'db'];
      for (let j = 0; j < names.length; j++)
        expect(maxRelError(wasm[j], cpu[j]), `${names[j]}, case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
    }
  });
});
