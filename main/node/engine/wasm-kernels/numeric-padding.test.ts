// A numeric pad on wasm means PyTorch's padding=p on both axes, also for non-square filters and
// strides where tfjs-core's own shape arithmetic is wrong: equal to the cpu backend given the
// explicit padding, forward and gradients.
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';

describe('numeric padding on wasm', () => {
  beforeAll(ready);

  it('conv2d, depthwiseConv2d and pools with pad p equal the cpu backend with explicit p, values and gradients', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const r = rng(seed);
      const kh = r.int(1, 5),
        kw = r.int(1, 5),
        c = r.int(1, 4),
        oc = r.int(1, 5);
      const n = r.int(1, 3),
        h = r.int(kh + 2, 12),
        w = r.int(kw + 2, 12);
      const s: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const p = r.int(1, 2);
      const win: [number, number] = [r.int(p * 2, 4), r.int(p * 2, 4)];
      const xv = randomValues(r, n * h * w * c),
        fv = randomValues(r, kh * kw * c * oc),
        dv = randomValues(r, kh * kw * c);
      const run = (pad: number | [[0, 0], [number, number], [number, number], [0, 0]]) => () => {
        const x = tf.tensor4d(xv, [n, h, w, c]),
          f = tf.tensor4d(fv, [kh, kw, c, oc]),
          d = tf.tensor4d(dv, [kh, kw, c, 1]);
        const loss = (xx: tf.Tensor, ff: tf.Tensor, dd: tf.Tensor) =>
          tf.addN([
            tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, s, pad))),
            tf.sum(tf.square(tf.depthwiseConv2d(xx as tf.Tensor4D, dd as tf.Tensor4D, s, pad))),
            tf.sum(tf.square(tf.maxPool(xx as tf.Tensor4D, win, s, pad))),
            tf.sum(tf.square(tf.avgPool(xx as tf.Tensor4D, win, s, pad))),
          ]);
        return [loss(x, f, d), ...tf.grads(loss)([x, f, d])];
      };
      const cpu = await on(
          'cpu',
          run([
            [0, 0],
            [p, p],
            [p, p],
            [0, 0],
          ]),
        ),
        wasm = await on('wasm', run(p));
      const label = JSON.stringify({ n, h, w, c, oc, kh, kw, s, p, win });
      for (let i = 0; i < 4; i++) expect(maxRelError(wasm[i], cpu[i]), `result ${i}, ${label}`).toBeLessThan(1e-4);
    }
  });
});
