// The WGSL PadV2 above rank 4 equals the cpu backend's pad (tfjs-webgpu's own does not compile
// there); rank 4 and below still run tfjs's kernel through the wrapper. Also the one gradient
// tfjs-webgpu gets right where the cpu backend does not: nearest upsampling at batch > 1.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tf } from '../../../../../app/compiler/tfjs/tf';
import { loadBackend } from '../../backend';
import { seeded } from '../parity';
import { maxRelError, swiftShaderOrSkip } from '../test-util';

const runs = swiftShaderOrSkip('webgpu/kernels/pad.test.ts');
let tf: Tf;

async function on(backend: string, fn: () => Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = fn();
  const v = Float32Array.from((await t.data()) as Float32Array);
  t.dispose();
  return v;
}

function values(n: number, seed: number): Float32Array {
  const r = seeded(seed);
  return Float32Array.from({ length: n }, () => r.next() * 2 - 1);
}

describe.runIf(runs)('WebGPU PadV2 of any rank (SwiftShader)', () => {
  beforeAll(async () => {
    const b = await loadBackend('webgpu');
    if (!b.ok) throw new Error(b.error);
    tf = b.value.tf;
  });

  const cases: [number[], [number, number][], number][] = [
    [
      [2, 3, 4],
      [
        [1, 0],
        [0, 2],
        [1, 1],
      ],
      0,
    ],
    [
      [2, 3, 1, 4],
      [
        [0, 0],
        [1, 1],
        [2, 0],
        [0, 0],
      ],
      0,
    ],
    [
      [2, 1, 3, 1, 2],
      [
        [0, 1],
        [0, 2],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
      0.5,
    ],
    [
      [3, 1, 3, 1, 2, 4],
      [
        [0, 0],
        [0, 1],
        [0, 0],
        [0, 1],
        [0, 0],
        [0, 0],
      ],
      0,
    ],
    [
      [1, 2, 2, 2, 2, 2],
      [
        [1, 1],
        [0, 1],
        [1, 0],
        [0, 0],
        [2, 0],
        [0, 1],
      ],
      -2,
    ],
  ];
  it.each(cases)('shape %j paddings %j constant %d', async (shape, paddings, value) => {
    const x = values(
      shape.reduce((a, d) => a * d, 1),
      shape.length,
    );
    const want = await on('cpu', () => tf.pad(tf.tensor(x, shape), paddings, value));
    const got = await on('webgpu', () => tf.pad(tf.tensor(x, shape), paddings, value));
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('nearest upsampling: the gradient at batch 2 equals the per-sample cpu gradients', async () => {
    const x = values(48, 3);
    const dy = values(2 * 6 * 8 * 2, 4);
    const grad = (xs: Float32Array, dys: Float32Array, n: number) =>
      tf.grad((a: Tensor) =>
        tf.sum(tf.mul(tf.image.resizeNearestNeighbor(a as never, [6, 8]), tf.tensor(dys, [n, 6, 8, 2]))),
      )(tf.tensor(xs, [n, 3, 4, 2]));
    const got = await on('webgpu', () => grad(x, dy, 2));
    const first = await on('cpu', () => grad(x.slice(0, 24), dy.slice(0, 96), 1));
    const second = await on('cpu', () => grad(x.slice(24), dy.slice(96), 1));
    expect(maxRelError(got, Float32Array.from([...first, ...second]))).toBeLessThan(1e-5);
  });
});
