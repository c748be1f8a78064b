// The direct convolutions on ONNX Runtime (ort-conv.ts: forward with bias and ReLU, and the
// stride-1 input gradient), the per-tap GEMMs (tap-gemm.ts: forward and both gradients), the
// filter gradient as SIMD im2col + a transposed GEMM, and the SIMD im2col and rectangle kernels
// themselves, against the cpu backend and the JavaScript loops: each path always / by
// measurement / off, ONNX Runtime on and off, SIMD on and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf, type ConvCase } from './test-util';
import { setOrtGemm } from './ort-gemm';
import { nchwcBlock, packFlippedOIHWBiBo, packOIHWBiBo, setOrtConv } from './ort-conv';
import { setSimdKernels, simdKernels } from './simd';
import { convGeometry } from './conv-info';
import { im2col } from './im2col-forward';
import { alloc, asWasm, f32, free, offsetOf } from './heap';
import { setTapGemm } from './tap-gemm';

const CASES: ConvCase[] = [
  { n: 3, h: 8, w: 8, c: 16, oc: 16, k: [3, 3], s: 1, pad: 1 }, // ResNet's layer1 shape, one block
  { n: 2, h: 6, w: 7, c: 20, oc: 36, k: [3, 3], s: 1, pad: 1 }, // channels across a partial block
  { n: 2, h: 5, w: 5, c: 8, oc: 5, k: [3, 3], s: 1, pad: 'same' }, // oc not a multiple of 4 (no direct dx)
  { n: 1, h: 9, w: 6, c: 4, oc: 12, k: [5, 3], s: 1, pad: 'valid' },
  { n: 2, h: 8, w: 8, c: 12, oc: 8, k: [3, 3], s: 2, pad: 1 }, // strided (forward only)
  { n: 2, h: 8, w: 9, c: 16, oc: 4, k: [3, 3], s: 2, pad: 0 }, // last input row and column unused
  { n: 2, h: 4, w: 4, c: 32, oc: 32, k: [3, 3], s: 1, pad: 1 }, // a small map
  { n: 2, h: 2, w: 2, c: 8, oc: 8, k: [3, 3], s: 1, pad: 1 }, // 2x2
  {
    n: 2,
    h: 7,
    w: 6,
    c: 8,
    oc: 16,
    k: [3, 3],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [0, 1],
      [0, 0],
    ],
  },
  { n: 2, h: 6, w: 6, c: 3, oc: 8, k: [3, 3], s: 1, pad: 1 }, // 3 channels: not in whole vectors, im2col
  { n: 2, h: 5, w: 5, c: 8, oc: 8, k: [1, 1], s: 1, pad: 0 }, // 1x1
];

describe('direct convolutions on ONNX Runtime', () => {
  beforeAll(ready);
  afterAll(() => {
    setOrtConv('auto');
    setTapGemm('auto');
    setOrtGemm('auto');
    setSimdKernels(true);
  });

  it("finds MLAS's channel block", () => {
    expect([8, 16]).toContain(nchwcBlock());
  });

  it('packs filters as OIHWBiBo, zero-padded, directly and flipped with in and out swapped', () => {
    const r = rng(1);
    for (const [kh, kw, c, oc, b] of [
      [3, 3, 20, 36, 16],
      [2, 3, 5, 7, 4],
      [1, 1, 8, 8, 8],
    ]) {
      const w = randomValues(r, kh * kw * c * oc);
      const W = (i: number, j: number, ch: number, o: number) => w[((i * kw + j) * c + ch) * oc + o];
      const cp = Math.ceil(c / b) * b,
        ocp = Math.ceil(oc / b) * b;
      const out = new Float32Array(ocp * cp * kh * kw).fill(NaN);
      packOIHWBiBo(w, kh, kw, c, oc, b, out);
      const flipped = new Float32Array(ocp * cp * kh * kw).fill(NaN);
      packFlippedOIHWBiBo(w, kh, kw, c, oc, b, flipped);
      let d = 0;
      for (let ob = 0; ob < ocp / b; ob++)
        for (let ib = 0; ib < cp / b; ib++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++)
              for (let bi = 0; bi < b; bi++)
                for (let bo = 0; bo < b; bo++, d++) {
                  const o = ob * b + bo,
                    ch = ib * b + bi;
                  expect(out[d]).toBe(o < oc && ch < c ? W(i, j, ch, o) : 0);
                }
      d = 0;
      // flipped: a convolution from oc channels (inputs) to c channels (outputs)
      for (let cb = 0; cb < cp / b; cb++)
        for (let ob = 0; ob < ocp / b; ob++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++)
              for (let bi = 0; bi < b; bi++)
                for (let bo = 0; bo < b; bo++, d++) {
                  const o = ob * b + bi,
                    ch = cb * b + bo;
                  expect(flipped[d]).toBe(o < oc && ch < c ? W(kh - 1 - i, kw - 1 - j, ch, o) : 0);
                }
    }
  });

  it('the SIMD im2col writes every element of the patch matrix as the JavaScript loop does', async () => {
    await tf.setBackend('wasm');
    const backend = asWasm(tf.backend());
    const simd = simdKernels(backend);
    expect(simd).not.toBeNull();
    for (const k of [...CASES, { n: 2, h: 3, w: 3, c: 5, oc: 1, k: [5, 5], s: 1, pad: 3 } as ConvCase]) {
      const g = convGeometry([k.n, k.h, k.w, k.c], [...k.k, k.c, k.oc], k.s, 1, k.pad, undefined, false);
      const x = alloc(backend, [k.n, k.h, k.w, k.c]);
      const col = alloc(backend, [g.n * g.oh * g.ow, g.kh * g.kw * g.c]);
      f32(backend, x).set(randomValues(rng(k.h * 31 + k.c), k.n * k.h * k.w * k.c));
      f32(backend, col).fill(NaN);
      simd?.im2col(
        offsetOf(backend, x),
        offsetOf(backend, col),
        g.n,
        g.h,
        g.w,
        g.c,
        g.oh,
        g.ow,
        g.kh,
        g.kw,
        g.sh,
        g.sw,
        g.pt,
        g.pl,
      );
      const ref = new Float32Array(f32(backend, col).length);
      im2col(f32(backend, x), g, ref);
      expect(Array.from(f32(backend, col)), JSON.stringify(k)).toEqual(Array.from(ref));
      free(backend, x, col);
    }
  });

  it('the SIMD rectangle gather and add move the rectangle of a map that a loop does', async () => {
    await tf.setBackend('wasm');
    const backend = asWasm(tf.backend());
    const simd = simdKernels(backend);
    expect(simd).not.toBeNull();
    const [n, h, w, c] = [2, 5, 6, 3];
    const [y0, ny, x0, nx] = [1, 3, 2, 4];
    const map = alloc(backend, [n, h, w, c]),
      dense = alloc(backend, [n, ny, nx, c]);
    const mv = randomValues(rng(9), n * h * w * c),
      dv = randomValues(rng(10), n * ny * nx * c);
    f32(backend, map).set(mv);
    simd?.rect_gather(offsetOf(backend, map), offsetOf(backend, dense), n, h, w, c, y0, ny, x0, nx);
    const at = (b: number, y: number, x: number) => ((b * h + y) * w + x) * c;
    const expected = new Float32Array(n * ny * nx * c);
    const added = Float32Array.from(mv);
    let d = 0;
    for (let b = 0; b < n; b++)
      for (let y = y0; y < y0 + ny; y++)
        for (let x = x0; x < x0 + nx; x++)
          for (let ch = 0; ch < c; ch++, d++) {
            expected[d] = mv[at(b, y, x) + ch];
            added[at(b, y, x) + ch] += dv[d];
          }
    expect(Array.from(f32(backend, dense))).toEqual(Array.from(expected));
    f32(backend, dense).set(dv);
    simd?.rect_add(offsetOf(backend, map), offsetOf(backend, dense), n, h, w, c, y0, ny, x0, nx);
    expect(Array.from(f32(backend, map))).toEqual(Array.from(added));
    free(backend, map, dense);
  });

  it.each([
    ['always', 'off', 'on', true],
    ['always', 'off', 'on', false],
    ['off', 'always', 'on', true],
    ['auto', 'auto', 'on', true],
    ['off', 'off', 'on', true],
    ['always', 'always', 'off', true],
    ['always', 'always', 'off', false],
  ] as const)(
    'conv2d with bias and ReLU and its three gradients equal the cpu backend (direct %s, per-tap GEMMs %s, ONNX Runtime %s, SIMD %s)',
    async (direct, taps, ort, simd) => {
      setOrtConv(direct);
      setTapGemm(taps);
      setOrtGemm(ort === 'on' ? 'auto' : 'off');
      setSimdKernels(simd);
      for (const [i, k] of CASES.entries()) {
        const r = rng(200 + i);
        const xv = randomValues(r, k.n * k.h * k.w * k.c),
          fv = randomValues(r, k.k[0] * k.k[1] * k.c * k.oc),
          bv = randomValues(r, k.oc);
        const ys = tf.backend_util.computeConv2DInfo([k.n, k.h, k.w, k.c], [...k.k, k.c, k.oc], k.s, 1, k.pad).outShape;
        const size = ys.reduce((p, d) => p * d, 1);
        const uv = randomValues(r, size),
          vv = randomValues(r, size);
        const run = () => {
          const x = tf.tensor4d(xv, [k.n, k.h, k.w, k.c]),
            f = tf.tensor4d(fv, [k.k[0], k.k[1], k.c, k.oc]),
            b = tf.tensor1d(bv);
          const fused = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) =>
            tf.fused.conv2d({
              x: xx as tf.Tensor4D,
              filter: ff as tf.Tensor4D,
              bias: bb,
              strides: k.s,
              pad: k.pad,
              activation: 'relu',
            });
          const plain = (xx: tf.Tensor, ff: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, k.s, k.pad);
          // A linear loss with random weights: dy is random, so the gradients stay of unit scale.
          const [u, v] = [uv, vv].map((t) => tf.tensor(t, ys));
          const loss = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) =>
            tf.add(tf.sum(tf.mul(fused(xx, ff, bb), u)), tf.sum(tf.mul(plain(xx, ff), v)));
          return [fused(x, f, b), plain(x, f), ...tf.grads(loss)([x, f, b])];
        };
        const cpu = await on('cpu', run),
          wasm = await on('wasm', run);
        ['y (bias, ReLU)', 'y', 'dx', 'dW', 'db'].forEach((name, j) =>
          expect(maxRelError(wasm[j], cpu[j]), `${name}, case ${JSON.stringify(k)}`).toBeLessThan(1e-4),
        );
      }
    },
  );
});
