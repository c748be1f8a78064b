// Slice, SplitV and Concat on wasm as strided copies (copy-kernels.ts): exactly tfjs-wasm's own
// kernels' values (copies, so equal bit for bit) on random shapes, axes and dtypes, including
// DenseNet's channel concatenation and split and the interior slice of an explicit padding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCopyKernels } from './copy-kernels';
import { ready, rng, tf } from './test-util';

type R = ReturnType<typeof rng>;

function tensor(r: R, shape: number[], dtype: 'float32' | 'int32'): tf.Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  const v = Array.from({ length: size }, () => (dtype === 'int32' ? r.int(-1000, 1000) : r.next() * 2 - 1));
  return tf.tensor(v, shape, dtype);
}

/** Shapes and values of fn(inputs) with the copy kernels on and with tfjs-wasm's own, inputs disposed. */
function both(inputs: tf.Tensor[], fn: (xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[]) {
  const run = (on: boolean) => {
    setCopyKernels(on);
    const outs = tf.tidy(() => fn(inputs));
    const list = Array.isArray(outs) ? outs : [outs];
    const got = list.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
    tf.dispose(list);
    return got;
  };
  const mine = run(true),
    theirs = run(false);
  setCopyKernels(true);
  tf.dispose(inputs);
  return [mine, theirs] as const;
}

describe('wasm Slice, SplitV and Concat as strided copies', () => {
  beforeAll(ready);
  afterAll(() => setCopyKernels(true));

  it('Slice equals tfjs-wasm on 60 random slices of rank 1-5, float32 and int32', () => {
    const r = rng(11);
    for (let i = 0; i < 60; i++) {
      const rank = r.int(1, 5);
      const shape = Array.from({ length: rank }, () => r.int(1, 6));
      const begin = shape.map((d) => r.int(0, d - 1));
      const size = shape.map((d, a) => (r.next() < 0.4 ? d - begin[a] : r.int(1, d - begin[a])));
      const dtype = r.pick(['float32', 'int32'] as const);
      const [mine, theirs] = both([tensor(r, shape, dtype)], ([x]) => tf.slice(x, begin, size));
      expect(mine, JSON.stringify({ shape, begin, size, dtype })).toEqual(theirs);
    }
  });

  it('the interior of a padded map (the gradient of an explicit padding) and channel blocks', () => {
    const r = rng(12);
    for (const [begin, size] of [
      [
        [0, 1, 1, 0],
        [4, 8, 8, 24],
      ],
      [
        [0, 0, 0, 8],
        [4, 10, 10, 16],
      ],
      [
        [1, 2, 3, 5],
        [2, 5, 4, 7],
      ],
    ]) {
      const [mine, theirs] = both([tensor(r, [4, 10, 10, 24], 'float32')], ([x]) => tf.slice(x, begin, size));
      expect(mine).toEqual(theirs);
    }
  });

  it('SplitV equals tfjs-wasm on every axis, with empty pieces, and as the gradient of Concat', () => {
    const r = rng(13);
    for (let i = 0; i < 30; i++) {
      const rank = r.int(1, 4);
      const shape = Array.from({ length: rank }, () => r.int(1, 7));
      const axis = r.int(0, rank - 1);
      const sizes: number[] = [];
      for (let left = shape[axis]; left > 0;) {
        const s = r.int(0, left);
        sizes.push(s);
        left -= s;
      }
      const dtype = r.pick(['float32', 'int32'] as const);
      const [mine, theirs] = both([tensor(r, shape, dtype)], ([x]) => tf.split(x, sizes, axis));
      expect(mine, JSON.stringify({ shape, sizes, axis })).toEqual(theirs);
    }
    // DenseNet: the features concatenated along the channels, the gradient split back
    const parts = [64, 32, 32, 32].map((c) => [3, 4, 4, c]);
    const [mine, theirs] = both(
      parts.map((s) => tensor(r, s, 'float32')),
      (xs) => tf.grads((...ys: tf.Tensor[]) => tf.sum(tf.mul(tf.concat(ys, 3), tf.range(0, 160))))(xs),
    );
    expect(mine).toEqual(theirs);
  });

  it('Concat equals tfjs-wasm on every axis, with empty inputs, float32 and int32', () => {
    const r = rng(14);
    for (let i = 0; i < 30; i++) {
      const rank = r.int(1, 4);
      const base = Array.from({ length: rank }, () => r.int(1, 5));
      const axis = r.int(0, rank - 1);
      const dtype = r.pick(['float32', 'int32'] as const);
      const shapes = Array.from({ length: r.int(1, 5) }, () => base.map((d, a) => (a === axis ? r.int(0, 6) : d)));
      const [mine, theirs] = both(
        shapes.map((s) => tensor(r, s, dtype)),
        (xs) => tf.concat(xs, axis),
      );
      expect(mine, JSON.stringify({ shapes, axis })).toEqual(theirs);
      expect(mine[0].shape[axis]).toBe(shapes.reduce((p, s) => p + s[axis], 0));
    }
  });
});
