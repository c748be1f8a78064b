// BatchMatMul and _FusedMatMul on wasm (batch-matmul.ts: ONNX Runtime's GEMM with transpose
// flags where it loads, XNNPACK or the backend's kernel otherwise) against the cpu backend:
// every transpose combination, batch dimensions with broadcasting, bias and every activation
// tfjs fuses, the gradients through tfjs-core's fused matMul and through the compiler's Linear
// layer, with ONNX Runtime on and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';
import { ortGemmStatus, setOrtGemm } from './ort-gemm';
import { ortGemmT } from './ort-gemm-t';
import { trainLinear } from '../../../../app/compiler/tfjs/custom/dense';
import type { Tf } from '../../../../app/compiler/tfjs/tf';

const size = (s: number[]) => s.reduce((p, d) => p * d, 1);

/** op(a) . op(b) in double precision over row-major arrays. */
function reference(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += (ta ? a[q * m + i] : a[i * k + q]) * (tb ? b[j * k + q] : b[q * n + j]);
      out[i * n + j] = s;
    }
  return out;
}

describe('ONNX Runtime products with transposed operands', () => {
  afterAll(() => setOrtGemm('auto'));

  it('ortGemmT equals a plain loop for every transpose combination, row blocks and k = 0 included', () => {
    expect(ortGemmStatus().active).toBe(true);
    const r = rng(5);
    // 1100 x 1030 outputs 1.13 million floats: two row blocks of at most 2^20 (transA: the left operand's columns copied out).
    for (const [m, k, n] of [
      [5, 7, 3],
      [1, 1, 1],
      [33, 17, 9],
      [1100, 3, 1030],
      [4, 0, 2],
    ]) {
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const a = randomValues(r, m * k),
            b = randomValues(r, k * n);
          const out = new Float32Array(m * n).fill(NaN);
          expect(ortGemmT(a, b, out, m, k, n, ta, tb)).toBe(true);
          const label = `${m}x${k}x${n} transA ${ta} transB ${tb}`;
          expect(maxRelError(out, reference(a, b, m, k, n, ta, tb)), label).toBeLessThan(1e-5);
        }
    }
    setOrtGemm('off');
    expect(ortGemmT(new Float32Array(1), new Float32Array(1), new Float32Array(1), 1, 1, 1, true, false)).toBe(false);
    setOrtGemm('auto');
  });
});

describe('wasm BatchMatMul and _FusedMatMul equal the cpu backend', () => {
  beforeAll(ready);
  afterAll(() => setOrtGemm('auto'));

  for (const ort of ['auto', 'off'] as const) {
    it(`matMul: transposes, batch dimensions and broadcasting, and its gradients (ONNX Runtime ${ort})`, async () => {
      setOrtGemm(ort);
      const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [];
      const r = rng(11);
      for (const ta of [false, true])
        for (const tb of [false, true])
          for (const [aLead, bLead] of [
            [[], []],
            [[3], [3]],
            [[3], [1]],
            [[1], [4]],
            [[2, 3], [3]],
            [
              [2, 1],
              [1, 3],
            ],
            [[], [2]],
          ]) {
            // Sizes on both sides of the ONNX Runtime thresholds (2^12 and 2^17 multiply-adds).
            const [m, k, n] = r.pick([
              [9, 7, 5],
              [40, 30, 20],
              [64, 70, 48],
            ]);
            cases.push({
              a: [...aLead, ...(ta ? [k, m] : [m, k])],
              b: [...bLead, ...(tb ? [n, k] : [k, n])],
              ta,
              tb,
            });
          }
      for (const c of cases) {
        const av = randomValues(r, size(c.a)),
          bv = randomValues(r, size(c.b));
        const run = () => {
          const a = tf.tensor(av, c.a),
            b = tf.tensor(bv, c.b);
          const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, c.ta, c.tb)));
          return [tf.matMul(a, b, c.ta, c.tb), ...tf.grads(f)([a, b])];
        };
        const label = JSON.stringify(c);
        // tfjs-core's gradient of a broadcast product does not sum over the broadcast batch
        // dimensions (on any backend): there the forward is compared.
        const broadcast = c.a.length !== c.b.length || c.a.slice(0, -2).some((d, i) => d !== c.b[i]);
        const forward = () => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.ta, c.tb);
        // The cpu backend's batch broadcasting covers one side of batch 1 only; [2, 1] x [1, 3]
        // is checked against the product computed batch by batch (on ONNX Runtime: the backend's
        // own kernel, the fallback, multiplies batch i by batch i there).
        if (c.a.length === 4 && c.b.length === 4) {
          if (ort === 'off') continue;
          const [y] = await on('wasm', forward);
          const [m, k, n] = [c.ta ? c.a[3] : c.a[2], c.ta ? c.a[2] : c.a[3], c.tb ? c.b[2] : c.b[3]];
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 3; j++) {
              const ref = reference(
                av.subarray(i * m * k, (i + 1) * m * k),
                bv.subarray(j * k * n, (j + 1) * k * n),
                m,
                k,
                n,
                c.ta,
                c.tb,
              );
              const got = y.subarray((i * 3 + j) * m * n, (i * 3 + j + 1) * m * n);
              expect(maxRelError(got, ref), `${label} batch ${i},${j}`).toBeLessThan(1e-4);
            }
          continue;
        }
        const cpu = await on('cpu', broadcast ? forward : run),
          wasm = await on('wasm', broadcast ? forward : run);
        for (let i = 0; i < cpu.length; i++)
          expect(maxRelError(wasm[i], cpu[i]), `result ${i}, ${label}`).toBeLessThan(1e-4);
      }
    });

    it(`fused matMul with bias and each activation, and its gradients (ONNX Runtime ${ort})`, async () => {
      setOrtGemm(ort);
      const r = rng(23);
      const activations = ['linear', 'relu', 'relu6', 'leakyrelu', 'prelu', 'sigmoid', 'elu'] as const;
      for (const [i, activation] of activations.entries()) {
        for (const [m, k, n, ta, tb, biasShape] of [
          [64, 72, 40, false, false, 'n'],
          [48, 64, 50, true, false, '1'],
          [40, 96, 36, false, true, 'n'],
          [7, 5, 3, true, true, 'none'],
        ] as const) {
          const batch = i % 2 === 0 ? 1 : 2;
          const aShape = [batch, ...(ta ? [k, m] : [m, k])],
            bShape = [batch, ...(tb ? [n, k] : [k, n])];
          const av = randomValues(r, size(aShape)),
            bv = randomValues(r, size(bShape)),
            biasv = randomValues(r, biasShape === 'n' ? n : 1),
            alphav = randomValues(r, n);
          const run = () => {
            const a = tf.tensor3d(av, aShape as [number, number, number]),
              b = tf.tensor3d(bv, bShape as [number, number, number]);
            const bias = biasShape === 'none' ? undefined : tf.tensor1d(biasv);
            const alpha = activation === 'prelu' ? tf.tensor1d(alphav) : undefined;
            const y = (x: tf.Tensor, w: tf.Tensor, bb?: tf.Tensor) =>
              tf.fused.matMul({
                a: x as tf.Tensor3D,
                b: w as tf.Tensor3D,
                transposeA: ta,
                transposeB: tb,
                bias: bb,
                activation,
                preluActivationWeights: alpha,
                leakyreluAlpha: 0.15,
              });
            const loss = (x: tf.Tensor, w: tf.Tensor, bb?: tf.Tensor) => tf.sum(tf.square(y(x, w, bb)));
            const grads =
              bias && activation !== 'prelu'
                ? tf.grads((x: tf.Tensor, w: tf.Tensor, bb: tf.Tensor) => loss(x, w, bb))([a, b, bias])
                : activation !== 'prelu'
                  ? tf.grads((x: tf.Tensor, w: tf.Tensor) => loss(x, w, bias))([a, b])
                  : [];
            return [y(a, b, bias), ...grads];
          };
          const cpu = await on('cpu', run),
            wasm = await on('wasm', run);
          const label = JSON.stringify({ activation, m, k, n, ta, tb, biasShape, batch });
          expect(wasm.length).toBe(cpu.length);
          for (let j = 0; j < cpu.length; j++)
            expect(maxRelError(wasm[j], cpu[j]), `result ${j}, ${label}`).toBeLessThan(2e-4);
        }
      }
    });

    it(`the compiler's Linear layer (fused forward, custom gradient) trains like on the cpu backend (ONNX Runtime ${ort})`, async () => {
      setOrtGemm(ort);
      const r = rng(31);
      for (const [m, fin, fout, relu] of [
        [64, 300, 120, true],
        [16, 40, 10, false],
      ] as const) {
        const xv = randomValues(r, m * fin),
          wv = randomValues(r, fin * fout),
          bv = randomValues(r, fout);
        const run = () => {
          const x = tf.tensor2d(xv, [m, fin]),
            w = tf.tensor2d(wv, [fin, fout]),
            b = tf.tensor1d(bv);
          const cfg = { units: fout, useBias: true, activation: relu ? 'relu' : 'linear', inputGrad: true } as const;
          const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
            tf.sum(tf.square(trainLinear(tf as unknown as Tf, xx as never, ww as never, bb as never, cfg) as never));
          const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
          return [value, ...grads];
        };
        const cpu = await on('cpu', run),
          wasm = await on('wasm', run);
        for (let j = 0; j < 4; j++)
          expect(maxRelError(wasm[j], cpu[j]), `result ${j}, ${m}x${fin}->${fout}`).toBeLessThan(1e-4);
      }
    });
  }
});
