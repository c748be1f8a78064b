// Depthwise backprops on wasm: equal to the cpu backend without dilation; with dilations (where
// the cpu backend's backprops ignore them) checked by the adjoint identities of the forward op:
// <depthwise(x, W), dy> = <x, dInput(dy, W)> = <W, dFilter(x, dy)>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simdKernels, setSimdKernels } from './simd';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';

function geometry(seed: number, dilated: boolean) {
  const r = rng(seed);
  const kh = r.int(1, 4),
    kw = r.int(1, 4),
    mul = r.int(1, 3),
    c = r.int(1, 5);
  const dil: [number, number] = dilated ? [r.int(1, 3), r.int(1, 3)] : [1, 1];
  const n = r.int(1, 3),
    h = r.int((kh - 1) * dil[0] + 1, 12),
    w = r.int((kw - 1) * dil[1] + 1, 12);
  const s: [number, number] = dilated ? [1, 1] : [r.int(1, 3), r.int(1, 3)];
  const pad = r.pick([
    'same',
    'valid',
    [
      [0, 0],
      [r.int(0, 2), r.int(0, 2)],
      [r.int(0, 2), r.int(0, 2)],
      [0, 0],
    ],
  ] as const);
  return {
    r,
    n,
    h,
    w,
    c,
    kh,
    kw,
    mul,
    s,
    dil,
    pad: pad as 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]],
  };
}

describe('wasm depthwise backprops', () => {
  beforeAll(ready);
  afterAll(() => setSimdKernels(true));

  it('tf.grads of depthwiseConv2d equal the cpu backend on 40 random geometries', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = geometry(seed, false);
      const xv = randomValues(g.r, g.n * g.h * g.w * g.c),
        fv = randomValues(g.r, g.kh * g.kw * g.c * g.mul);
      const run = () =>
        tf.grads((x: tf.Tensor, f: tf.Tensor) =>
          tf.sum(tf.square(tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, g.s, g.pad))),
        )([tf.tensor4d(xv, [g.n, g.h, g.w, g.c]), tf.tensor4d(fv, [g.kh, g.kw, g.c, g.mul])]);
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      const label = JSON.stringify({ ...g, r: undefined });
      expect(maxRelError(wasm[0], cpu[0]), `dx, ${label}`).toBeLessThan(1e-4);
      expect(maxRelError(wasm[1], cpu[1]), `dW, ${label}`).toBeLessThan(1e-4);
    }
  });

  it('dilated backprops satisfy the adjoint identities of the forward op on 25 random geometries', async () => {
    await tf.setBackend('wasm');
    for (let seed = 100; seed < 125; seed++) {
      const g = geometry(seed, true);
      const [lhs, viaInput, viaFilter] = tf.tidy(() => {
        const x = tf.tensor4d(randomValues(g.r, g.n * g.h * g.w * g.c), [g.n, g.h, g.w, g.c]);
        const f = tf.tensor4d(randomValues(g.r, g.kh * g.kw * g.c * g.mul), [g.kh, g.kw, g.c, g.mul]);
        const y = tf.depthwiseConv2d(x, f, g.s, g.pad, 'NHWC', g.dil);
        const dy = tf.tensor(randomValues(g.r, y.size), y.shape);
        const attrs = { strides: g.s, dilations: g.dil, pad: g.pad };
        const dx = tf
          .engine()
          .runKernel(
            'DepthwiseConv2dNativeBackpropInput',
            { dy, filter: f },
            { ...attrs, inputShape: x.shape },
          ) as tf.Tensor;
        const dw = tf
          .engine()
          .runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape }) as tf.Tensor;
        return [tf.sum(tf.mul(y, dy)), tf.sum(tf.mul(x, dx)), tf.sum(tf.mul(f, dw))].map((t) => t.dataSync()[0]);
      });
      const label = JSON.stringify({ ...g, r: undefined });
      expect(Math.abs(viaInput - lhs) / Math.max(1, Math.abs(lhs)), `input adjoint, ${label}`).toBeLessThan(1e-4);
      expect(Math.abs(viaFilter - lhs) / Math.max(1, Math.abs(lhs)), `filter adjoint, ${label}`).toBeLessThan(1e-4);
    }
  });

  it('the SIMD kernel (multiplier 1) equals the JavaScript version on MobileNet-like and 30 random geometries', async () => {
    await tf.setBackend('wasm');
    expect(simdKernels(tf.backend() as never)).not.toBeNull();
    type Case = { n: number; h: number; w: number; c: number; k: [number, number]; s: [number, number] };
    type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
    const cases: [Case, [number, number], Pad][] = [
      // MobileNetV2 at 32x32 (explicitly padded input, 'valid'), and the same with the padding in the kernel
      [{ n: 4, h: 18, w: 18, c: 32, k: [3, 3], s: [1, 1] }, [1, 1], 'valid'],
      [{ n: 4, h: 18, w: 18, c: 96, k: [3, 3], s: [2, 2] }, [1, 1], 'valid'],
      [{ n: 3, h: 4, w: 4, c: 384, k: [3, 3], s: [1, 1] }, [1, 1], 'same'],
      [{ n: 2, h: 3, w: 3, c: 960, k: [3, 3], s: [1, 1] }, [1, 1], 'valid'],
    ];
    const r = rng(7);
    for (let i = 0; i < 30; i++) {
      const k: [number, number] = [r.int(1, 4), r.int(1, 4)];
      const dil: [number, number] = i % 3 === 0 ? [r.int(1, 3), r.int(1, 3)] : [1, 1];
      const s: [number, number] = dil[0] * dil[1] > 1 ? [1, 1] : [r.int(1, 3), r.int(1, 3)];
      const c = r.pick([1, 3, 4, 5, 8, 13, 16, 37]);
      const h = r.int((k[0] - 1) * dil[0] + 1, 11),
        w = r.int((k[1] - 1) * dil[1] + 1, 11);
      const pad: Pad = r.pick([
        'same',
        'valid',
        [
          [0, 0],
          [r.int(0, 2), r.int(0, 2)],
          [r.int(0, 2), r.int(0, 2)],
          [0, 0],
        ],
      ] as const) as Pad;
      cases.push([{ n: r.int(1, 3), h, w, c, k, s }, dil, pad]);
    }
    for (const [g, dil, pad] of cases) {
      const [x, f, dy] = tf.tidy(() => {
        const x = tf.tensor4d(randomValues(r, g.n * g.h * g.w * g.c), [g.n, g.h, g.w, g.c]);
        const f = tf.tensor4d(randomValues(r, g.k[0] * g.k[1] * g.c), [g.k[0], g.k[1], g.c, 1]);
        const y = tf.depthwiseConv2d(x, f, g.s, pad, 'NHWC', dil);
        return [x, f, tf.tensor(randomValues(r, y.size), y.shape)];
      });
      const attrs = { strides: g.s, dilations: dil, pad };
      const grads = (simd: boolean) => {
        setSimdKernels(simd);
        const e = tf.engine();
        const dx = e.runKernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy, filter: f },
          { ...attrs, inputShape: x.shape },
        );
        const dw = e.runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape });
        const out = [dx, dw].map((t) => (t as tf.Tensor).dataSync() as Float32Array);
        tf.dispose([dx as tf.Tensor, dw as tf.Tensor]);
        return out;
      };
      const [dxJs, dwJs] = grads(false);
      const [dxSimd, dwSimd] = grads(true);
      tf.dispose([x, f, dy]);
      const label = JSON.stringify({ ...g, dil, pad });
      // Same order of additions; the JavaScript version rounds x * dy + acc once (in double), SIMD twice.
      expect(maxRelError(dxSimd, dxJs), `dx, ${label}`).toBeLessThan(1e-5);
      expect(maxRelError(dwSimd, dwJs), `dW, ${label}`).toBeLessThan(1e-5);
    }
  });
});
