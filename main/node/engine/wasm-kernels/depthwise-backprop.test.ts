// Depthwise backprops on wasm: equal to the cpu backend without dilation; with dilations (where
// the cpu backend's backprops ignore them) checked by the adjoint identities of the forward op:
// <depthwise(x, W), dy> = <x, dInput(dy, W)> = <W, dFilter(x, dy)>.
import { beforeAll, describe, expect, it } from 'vitest';
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
});
