// Conv2DBackpropFilter / Conv2DBackpropInput on wasm (the project's kernels) against the cpu
// backend, called directly and through tf.grads of conv2d, on random geometries.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf, type ConvPad } from './test-util';
import { setFilterGradPath } from './conv2d-backprop-filter';
import { setInputGradPath } from './conv2d-backprop-input';
import { setSimdKernels } from './simd';

interface Case {
  n: number;
  h: number;
  w: number;
  c: number;
  oc: number;
  kh: number;
  kw: number;
  s: [number, number];
  pad: ConvPad;
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  const kh = r.int(1, 5),
    kw = r.int(1, 5);
  return {
    n: r.int(1, 4),
    h: r.int(kh, 12),
    w: r.int(kw, 12),
    c: r.int(1, 7),
    oc: r.int(1, 9),
    kh,
    kw,
    s: [r.pick([1, 1, 2, 3]), r.pick([1, 1, 2, 3])],
    pad: r.pick<ConvPad>([
      'same',
      'valid',
      [
        [0, 0],
        [r.int(0, 2), r.int(0, 2)],
        [r.int(0, 2), r.int(0, 2)],
        [0, 0],
      ],
    ]),
  };
}

function outShape(k: Case): number[] {
  return tf.backend_util.computeConv2DInfo([k.n, k.h, k.w, k.c], [k.kh, k.kw, k.c, k.oc], k.s, 1, k.pad).outShape;
}

describe('wasm Conv2D backprops equal the cpu backend', () => {
  beforeAll(ready);

  it.each([
    ['convolution', 'conv', 'conv', true],
    ['auto', 'auto', 'auto', true],
    ['auto without SIMD', 'auto', 'auto', false],
    ['convolution without SIMD', 'conv', 'conv', false],
    ['im2col/GEMM, SIMD scatter', 'im2col', 'gemm', true],
    ['im2col/GEMM without SIMD', 'im2col', 'gemm', false],
  ] as const)(
    'Conv2DBackpropFilter and Conv2DBackpropInput (%s paths), called directly, on 40 random geometries',
    async (_name, filterPath, inputPath, simd) => {
      setFilterGradPath(filterPath);
      setInputGradPath(inputPath);
      setSimdKernels(simd);
      onTestFinished(() => setSimdKernels(true));
      for (let seed = 1; seed <= 40; seed++) {
        const k = randomCase(seed);
        const r = rng(seed * 7919);
        const ys = outShape(k);
        if (ys.some((d) => d <= 0)) continue;
        const xv = randomValues(r, k.n * k.h * k.w * k.c);
        const dyv = randomValues(
          r,
          ys.reduce((p, d) => p * d, 1),
        );
        const fv = randomValues(r, k.kh * k.kw * k.c * k.oc);
        const run = () => {
          const x = tf.tensor4d(xv, [k.n, k.h, k.w, k.c]),
            dy = tf.tensor(dyv, ys),
            f = tf.tensor4d(fv, [k.kh, k.kw, k.c, k.oc]);
          const dw = tf
            .engine()
            .runKernel(
              'Conv2DBackpropFilter',
              { x, dy },
              { strides: k.s, pad: k.pad, dataFormat: 'NHWC', filterShape: [k.kh, k.kw, k.c, k.oc] },
            ) as tf.Tensor;
          const dx = tf
            .engine()
            .runKernel(
              'Conv2DBackpropInput',
              { dy, filter: f },
              { strides: k.s, pad: k.pad, dataFormat: 'NHWC', inputShape: [k.n, k.h, k.w, k.c] },
            ) as tf.Tensor;
          return [dw, dx];
        };
        const cpu = await on('cpu', run),
          wasm = await on('wasm', run);
        expect(maxRelError(wasm[0], cpu[0]), `filter grad, case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
        expect(maxRelError(wasm[1], cpu[1]), `input grad, case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
      }
      setFilterGradPath('auto');
      setInputGradPath('auto');
    },
  );

  it('the one-input-channel filter gradient (SIMD bf_c1): kernel widths across its five-tap blocks, paddings, odd widths', async () => {
    const cases: Case[] = [
      { n: 64, h: 28, w: 28, c: 1, oc: 6, kh: 5, kw: 5, s: [1, 1], pad: 2 },
      { n: 3, h: 9, w: 7, c: 1, oc: 1, kh: 3, kw: 1, s: [1, 1], pad: 'valid' },
      { n: 2, h: 13, w: 11, c: 1, oc: 16, kh: 7, kw: 7, s: [1, 1], pad: 'same' },
      {
        n: 1,
        h: 6,
        w: 17,
        c: 1,
        oc: 5,
        kh: 2,
        kw: 11,
        s: [1, 1],
        pad: [
          [0, 0],
          [1, 0],
          [2, 3],
          [0, 0],
        ],
      },
      { n: 5, h: 5, w: 5, c: 1, oc: 3, kh: 5, kw: 5, s: [1, 1], pad: 'valid' },
    ];
    for (const k of cases) {
      const r = rng(k.kw * 100 + k.oc);
      const ys = outShape(k);
      const xv = randomValues(r, k.n * k.h * k.w),
        dyv = randomValues(
          r,
          ys.reduce((p, d) => p * d, 1),
        );
      const run = () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: tf.tensor4d(xv, [k.n, k.h, k.w, 1]), dy: tf.tensor(dyv, ys) },
            { strides: 1, pad: k.pad, dataFormat: 'NHWC', filterShape: [k.kh, k.kw, 1, k.oc] },
          ) as tf.Tensor;
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      expect(maxRelError(wasm[0], cpu[0]), `case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
    }
  });

  it('tf.grads of a conv2d loss wrt input and filter, on 20 random geometries', async () => {
    for (let seed = 100; seed < 120; seed++) {
      const k = randomCase(seed);
      if (outShape(k).some((d) => d <= 0)) continue;
      const r = rng(seed);
      const xv = randomValues(r, k.n * k.h * k.w * k.c),
        fv = randomValues(r, k.kh * k.kw * k.c * k.oc);
      const run = () =>
        tf.grads((x: tf.Tensor, f: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, k.s, k.pad))),
        )([tf.tensor4d(xv, [k.n, k.h, k.w, k.c]), tf.tensor4d(fv, [k.kh, k.kw, k.c, k.oc])]);
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      expect(maxRelError(wasm[0], cpu[0]), `dx, case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
      expect(maxRelError(wasm[1], cpu[1]), `dW, case ${JSON.stringify(k)}`).toBeLessThan(1e-4);
    }
  });

  it('the fused conv2d with bias and relu that tfjs-layers uses', async () => {
    const r = rng(5);
    const xv = randomValues(r, 3 * 10 * 10 * 4),
      fv = randomValues(r, 3 * 3 * 4 * 5),
      bv = randomValues(r, 5);
    const run = () =>
      tf.grads((x: tf.Tensor, f: tf.Tensor, b: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.fused.conv2d({
              x: x as tf.Tensor4D,
              filter: f as tf.Tensor4D,
              bias: b,
              strides: 2,
              pad: 'same',
              activation: 'relu',
            }),
          ),
        ),
      )([tf.tensor4d(xv, [3, 10, 10, 4]), tf.tensor4d(fv, [3, 3, 4, 5]), tf.tensor1d(bv)]);
    const cpu = await on('cpu', run),
      wasm = await on('wasm', run);
    for (let i = 0; i < 3; i++) expect(maxRelError(wasm[i], cpu[i])).toBeLessThan(1e-4);
  });
});
