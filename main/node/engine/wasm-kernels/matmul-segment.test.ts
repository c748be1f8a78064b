// BatchMatMul (ONNX Runtime or XNNPACK, batch-matmul.ts) and UnsortedSegmentSum on wasm against
// the cpu backend: every transpose combination, batched products, and the gradient of gather.
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelError, on, randomValues, ready, rng, tf } from './test-util';

describe('wasm BatchMatMul and UnsortedSegmentSum equal the cpu backend', () => {
  beforeAll(ready);

  it('matMul with every transpose combination, rank 2 and batched, and its gradients', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const r = rng(seed);
      const m = r.int(1, 40),
        k = r.int(1, 40),
        n = r.int(1, 40),
        batch = r.pick([0, 1, 3]);
      const ta = seed % 2 === 1,
        tb = (seed >> 1) % 2 === 1;
      const lead = batch === 0 ? [] : [batch];
      const aShape = [...lead, ...(ta ? [k, m] : [m, k])],
        bShape = [...lead, ...(tb ? [n, k] : [k, n])];
      const av = randomValues(
          r,
          aShape.reduce((p, d) => p * d, 1),
        ),
        bv = randomValues(
          r,
          bShape.reduce((p, d) => p * d, 1),
        );
      const run = () => {
        const a = tf.tensor(av, aShape),
          b = tf.tensor(bv, bShape);
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, ta, tb)));
        return [tf.matMul(a, b, ta, tb), ...tf.grads(f)([a, b])];
      };
      const cpu = await on('cpu', run),
        wasm = await on('wasm', run);
      const label = JSON.stringify({ m, k, n, batch, ta, tb });
      for (let i = 0; i < 3; i++) expect(maxRelError(wasm[i], cpu[i]), `result ${i}, ${label}`).toBeLessThan(1e-4);
    }
  });

  it('unsortedSegmentSum directly and as the gradient of gather (Embedding)', async () => {
    const r = rng(9);
    const xv = randomValues(r, 12 * 5);
    const ids = Int32Array.from({ length: 12 }, () => r.int(-1, 6));
    const idx = Int32Array.from({ length: 20 }, () => r.int(0, 7));
    const run = () => [
      tf.unsortedSegmentSum(tf.tensor2d(xv, [12, 5]), tf.tensor1d(ids, 'int32'), 6),
      tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d(idx, 'int32')))))(
        tf.tensor2d(xv.slice(0, 40), [8, 5]),
      ),
    ];
    const cpu = await on('cpu', run),
      wasm = await on('wasm', run);
    expect(maxRelError(wasm[0], cpu[0])).toBeLessThan(1e-4);
    expect(maxRelError(wasm[1], cpu[1])).toBeLessThan(1e-4);
  });
});

describe('wasm Identity shares data', () => {
  beforeAll(ready);

  it('a clone keeps its values after the original is disposed, and counts no extra tensor', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.clone(a);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    const v = tf.variable(b);
    const c = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    v.assign(c);
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([b, v, c]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
