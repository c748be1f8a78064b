// Identity and same-dtype Cast on wasm share the tensor's memory (no copy) and keep it alive by
// reference count; a real conversion still converts, as on the cpu backend.
import { beforeAll, describe, expect, it } from 'vitest';
import { on, ready, tf } from './test-util';

describe('Identity and Cast on wasm', () => {
  beforeAll(ready);

  it('a float32 -> float32 cast shares the data and outlives its input', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor1d([1.5, -2.25, 3]);
    const y = tf.cast(x, 'float32');
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2.25, 3]);
    y.dispose();
  });

  it('real conversions and the gradient of a product (which casts) equal the cpu backend', async () => {
    const run = () => {
      const a = tf.tensor2d([1.7, -2.2, 3.9, 0.4], [2, 2]),
        b = tf.tensor2d([0.5, 2, -1, 3], [2, 2]);
      const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(p, q)))([a, b]);
      return [tf.cast(tf.cast(a, 'int32'), 'float32'), tf.cast(tf.cast(a, 'bool'), 'float32'), da, db];
    };
    const cpu = await on('cpu', run),
      wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect(Array.from(wasm[i])).toEqual(Array.from(cpu[i]));
  });
});
