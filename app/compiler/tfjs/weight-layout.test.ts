/** The JavaScript weight layouts equal tfjs's own transposes (the ones they replace), both ways. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tfToTorch, torchToTf } from './weight-layout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const random = (n: number) => Float32Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);

describe('weight layouts', () => {
  it.each([
    ['conv', [5, 3, 3, 2]],
    ['conv', [70, 33, 1, 1]],
    ['conv', [1, 1, 5, 5]],
    ['linear', [37, 65]],
    ['linear', [1, 100]],
  ] as const)('%s %j equals tf.transpose and round-trips', (kind, ts) => {
    const n = (ts as readonly number[]).reduce((a, b) => a * b, 1);
    const v = random(n);
    const perm = kind === 'conv' ? [2, 3, 1, 0] : [1, 0];
    const want = tf.transpose(tf.tensor(v, [...ts]), perm).dataSync();
    const got = torchToTf(v, kind, [...ts]);
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(Array.from(tfToTorch(got, kind, [...ts]))).toEqual(Array.from(v));
  });

  it('depthwise [C*M, 1, kh, kw] is tfjs [kh, kw, C, M] in the order of [kh, kw, 1, C*M]', () => {
    const ts = [6, 1, 3, 2];
    const v = random(36);
    const want = tf.reshape(tf.transpose(tf.tensor(v, ts), [2, 3, 1, 0]), [3, 2, 3, 2]).dataSync();
    expect(Array.from(torchToTf(v, 'depthwise', ts))).toEqual(Array.from(want));
    expect(Array.from(tfToTorch(want, 'depthwise', ts))).toEqual(Array.from(v));
  });

  it('a wrong number of values is an error naming the shape', () => {
    expect(() => torchToTf(new Float32Array(5), 'linear', [2, 3])).toThrow(
      /linear weight of PyTorch shape \[2, 3\] needs 6 values, got 5/,
    );
  });
});
