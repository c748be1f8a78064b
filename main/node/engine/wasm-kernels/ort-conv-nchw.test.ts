// The small-channel forward convolution on ONNX Runtime's NCHW Conv (ort-conv-nchw.ts) against
// the cpu backend: LeNet-5's two convolutions and odd geometries (padding on one side, unread
// last rows, dilation, strides, 1-7 input channels), with and without bias and ReLU; that 'auto'
// takes it for LeNet-5's layers and not for VGG's 3 -> 64; and that 'off' and a missing ONNX
// Runtime leave the other paths to compute the same values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf, type ConvCase } from './test-util';
import { setOrtGemm } from './ort-gemm';
import { setSmallChannelConv, smallChannelConvForward } from './ort-conv-nchw';
import { convGeometry } from './conv-info';
import { alloc, asWasm, free } from './heap';

const CASES: ConvCase[] = [
  { n: 3, h: 28, w: 28, c: 1, oc: 6, k: [5, 5], s: 1, pad: 2 }, // LeNet-5's conv1
  { n: 3, h: 14, w: 14, c: 6, oc: 16, k: [5, 5], s: 1, pad: 'valid' }, // LeNet-5's conv2
  { n: 2, h: 12, w: 11, c: 3, oc: 6, k: [5, 5], s: 1, pad: 'same' }, // a CIFAR LeNet's conv1, odd width
  {
    n: 2,
    h: 9,
    w: 7,
    c: 2,
    oc: 5,
    k: [3, 2],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [0, 1],
      [0, 0],
    ],
  },
  { n: 1, h: 10, w: 9, c: 7, oc: 3, k: [3, 3], s: 2, pad: 'valid' }, // last row and column unread
  { n: 2, h: 9, w: 9, c: 5, oc: 4, k: [3, 3], s: 1, d: 2, pad: 'same' }, // dilated
  { n: 1, h: 6, w: 6, c: 1, oc: 1, k: [1, 1], s: 1, pad: 0 },
];

describe('small-channel convolutions on ONNX Runtime (NCHW)', () => {
  beforeAll(ready);
  afterAll(() => {
    setSmallChannelConv('auto');
    setOrtGemm('auto');
  });

  it.each([
    ['always', true],
    ['always', false],
    ['off', true],
  ] as const)('conv2d with and without bias and ReLU equals the cpu backend (%s, ONNX Runtime %s)', async (m, ort) => {
    setSmallChannelConv(m);
    setOrtGemm(ort ? 'auto' : 'off');
    for (const [i, k] of CASES.entries()) {
      const r = rng(500 + i);
      const xv = randomValues(r, k.n * k.h * k.w * k.c),
        fv = randomValues(r, k.k[0] * k.k[1] * k.c * k.oc),
        bv = randomValues(r, k.oc);
      const run = () => {
        const x = tf.tensor4d(xv, [k.n, k.h, k.w, k.c]),
          f = tf.tensor4d(fv, [k.k[0], k.k[1], k.c, k.oc]),
          b = tf.tensor1d(bv);
        const common = { x, filter: f, strides: k.s, pad: k.pad, dilations: k.d ?? 1 };
        return [
          tf.fused.conv2d({ ...common, bias: b, activation: 'relu' }),
          tf.fused.conv2d({ ...common, bias: b }),
          tf.fused.conv2d({ ...common, activation: 'relu' }),
          tf.conv2d(x, f, k.s, k.pad, 'NHWC', k.d ?? 1),
        ];
      };
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      if (m === 'always' && ort) {
        // The path itself ran (a graph ONNX Runtime refused would fall back to XNNPACK unseen).
        const backend = asWasm(tf.backend());
        const g = convGeometry([k.n, k.h, k.w, k.c], [...k.k, k.c, k.oc], k.s, k.d ?? 1, k.pad, undefined, false);
        const xt = alloc(backend, [k.n, k.h, k.w, k.c]),
          ft = alloc(backend, [...k.k, k.c, k.oc]);
        const out = smallChannelConvForward(backend, xt, ft, null, false, g);
        expect(out, JSON.stringify(k)).not.toBeNull();
        free(backend, xt, ft, ...(out ? [out] : []));
      }
      ['bias + ReLU', 'bias', 'ReLU', 'plain'].forEach((name, j) =>
        expect(maxRelError(wasm[j], cpu[j]), `${name}, case ${JSON.stringify(k)}`).toBeLessThan(1e-5),
      );
    }
  });

  it("takes LeNet-5's convolutions by measurement, not VGG's first layer or channels in whole vectors", async () => {
    setSmallChannelConv('auto');
    setOrtGemm('auto');
    await tf.setBackend('wasm');
    const backend = asWasm(tf.backend());
    const tries = (x: number[], f: number[], pad: 'same' | 'valid') => {
      const g = convGeometry(x, f, 1, 1, pad, undefined, false);
      const xt = alloc(backend, x),
        ft = alloc(backend, f);
      const out = smallChannelConvForward(backend, xt, ft, null, false, g);
      const took = out !== null;
      free(backend, xt, ft, ...(out ? [out] : []));
      return took;
    };
    expect(tries([2, 28, 28, 1], [5, 5, 1, 6], 'same')).toBe(true);
    expect(tries([2, 14, 14, 6], [5, 5, 6, 16], 'valid')).toBe(true);
    expect(tries([2, 32, 32, 3], [3, 3, 3, 64], 'same')).toBe(false); // VGG's 3 -> 64: not faster
    expect(tries([2, 8, 8, 8], [3, 3, 8, 8], 'same')).toBe(false); // whole vectors: ort-conv.ts
    setOrtGemm('off');
    expect(tries([2, 28, 28, 1], [5, 5, 1, 6], 'same')).toBe(false); // no ONNX Runtime: XNNPACK
  });
});
