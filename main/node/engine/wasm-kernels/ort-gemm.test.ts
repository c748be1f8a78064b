// Products on ONNX Runtime (ort-gemm.ts) and the convolution paths they enable (im2col forward,
// GEMM input gradient, im2col filter gradient) against the cpu backend, with ONNX Runtime on and
// off (XNNPACK), SIMD on and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';
import { ortGemm, ortGemmStatus, setOrtGemm } from './ort-gemm';
import { ortGemmT } from './ort-gemm-t';
import { setSimdKernels } from './simd';

interface Case {
  n: number;
  h: number;
  w: number;
  c: number;
  oc: number;
  k: number;
  s: number;
  pad: number | 'same' | 'valid';
}

const CASES: Case[] = [
  { n: 3, h: 6, w: 6, c: 8, oc: 5, k: 3, s: 1, pad: 1 }, // 3x3, im2col forward
  { n: 2, h: 7, w: 5, c: 9, oc: 4, k: 3, s: 2, pad: 1 }, // stride 2, odd sizes
  { n: 2, h: 4, w: 4, c: 16, oc: 6, k: 1, s: 1, pad: 0 }, // 1x1: x itself is the GEMM operand
  { n: 2, h: 5, w: 5, c: 10, oc: 3, k: 1, s: 2, pad: 0 }, // downsample 1x1, stride 2
  { n: 2, h: 9, w: 9, c: 3, oc: 4, k: 7, s: 2, pad: 3 }, // stem: few channels, strided 7x7: im2col forward
  { n: 1, h: 5, w: 6, c: 12, oc: 7, k: 3, s: 1, pad: 'same' },
];

describe('matrix products on ONNX Runtime', () => {
  beforeAll(ready);
  afterAll(() => {
    setOrtGemm('auto');
    setSimdKernels(true);
  });

  it('loads here (onnxruntime-node is a dependency) and multiplies like a plain loop, k = 0 included', () => {
    expect(ortGemmStatus()).toEqual({ active: true, reason: '' });
    const r = rng(3);
    for (const [m, k, n] of [
      [5, 7, 3],
      [1, 1, 1],
      [17, 33, 9],
      [4, 0, 2],
    ]) {
      const a = randomValues(r, m * k),
        b = randomValues(r, k * n);
      const out = new Float32Array(m * n).fill(NaN);
      expect(ortGemm(a, b, out, m, k, n)).toBe(true);
      const ref = new Float32Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let q = 0; q < k; q++) s += a[i * k + q] * b[q * n + j];
          ref[i * n + j] = s;
        }
      expect(maxRelError(out, ref), `${m}x${k}x${n}`).toBeLessThan(1e-5);
    }
    setOrtGemm('off');
    expect(ortGemm(new Float32Array(1), new Float32Array(1), new Float32Array(1), 1, 1, 1)).toBe(false);
    setOrtGemm('auto');
  });

  it("frees the binding's copy of every output at once (products of 4 MiB leave no 4 MiB buffers behind)", () => {
    // onnxruntime-node returns each pre-allocated output again in a new ArrayBuffer of its size;
    // runPreallocated detaches it, so ArrayBuffer memory does not grow by the outputs' size.
    const m = 1024,
      k = 8,
      n = 1024;
    const r = rng(5);
    const a = randomValues(r, m * k),
      b = randomValues(r, k * n),
      out = new Float32Array(m * n);
    expect(ortGemm(a, b, out, m, k, n)).toBe(true); // loads the session first
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 8; i++) {
      expect(ortGemm(a, b, out, m, k, n)).toBe(true);
      expect(ortGemmT(a, b, out, m, k, n, false, false)).toBe(true);
    }
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
    // and the products are still there
    let s = 0;
    for (let q = 0; q < k; q++) s += a[5 * k + q] * b[q * n + 7];
    expect(Math.abs(out[5 * n + 7] - s)).toBeLessThan(1e-4);
  });

  it('multiplies transposed operands in row blocks (outputs over 1 Mi floats), twice on the kept scratch', () => {
    const r = rng(7);
    for (const [m, k, n] of [
      [300, 5, 4096], // two row blocks of 256 and 44 rows
      [70, 3, 32768], // 32 + 32 + 6 rows
    ]) {
      for (const [ta, tb] of [
        [true, false],
        [true, true],
        [false, true],
      ]) {
        const a = randomValues(r, m * k),
          b = randomValues(r, k * n);
        const ref = new Float32Array(m * n);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let q = 0; q < k; q++) s += (ta ? a[q * m + i] : a[i * k + q]) * (tb ? b[j * k + q] : b[q * n + j]);
            ref[i * n + j] = s;
          }
        for (let rep = 0; rep < 2; rep++) {
          const out = new Float32Array(m * n).fill(NaN);
          expect(ortGemmT(a, b, out, m, k, n, ta, tb)).toBe(true);
          expect(maxRelError(out, ref), `${m}x${k}x${n} transA ${ta} transB ${tb}`).toBeLessThan(1e-5);
        }
      }
    }
  });

  it.each([
    ['on', true],
    ['on', false],
    ['off', true],
    ['off', false],
  ] as const)(
    'fused conv2d (bias, ReLU) and its three gradients equal the cpu backend (ONNX Runtime %s, SIMD %s)',
    async (ort, simd) => {
      setOrtGemm(ort === 'on' ? 'auto' : 'off');
      setSimdKernels(simd);
      for (const [i, k] of CASES.entries()) {
        const r = rng(100 + i);
        const xv = randomValues(r, k.n * k.h * k.w * k.c),
          fv = randomValues(r, k.k * k.k * k.c * k.oc),
          bv = randomValues(r, k.oc);
        const run = () => {
          const x = tf.tensor4d(xv, [k.n, k.h, k.w, k.c]),
            f = tf.tensor4d(fv, [k.k, k.k, k.c, k.oc]),
            b = tf.tensor1d(bv);
          const conv = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) =>
            tf.fused.conv2d({
              x: xx as tf.Tensor4D,
              filter: ff as tf.Tensor4D,
              bias: bb,
              strides: k.s,
              pad: k.pad,
              activation: 'relu',
            });
          const loss = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.square(conv(xx, ff, bb)));
          return [conv(x, f, b), ...tf.grads(loss)([x, f, b])];
        };
        const cpu = await on('cpu', run),
          wasm = await on('wasm', run);
        ['y', 'dx', 'dW', 'db'].forEach((name, j) =>
          expect(maxRelError(wasm[j], cpu[j]), `${name}, case ${JSON.stringify(k)}`).toBeLessThan(1e-4),
        );
      }
    },
  );
});
