/**
 * TorchConv2d (custom/conv.ts): Conv2d with bias and fused ReLU under one custom gradient.
 * Its gradients must equal those of tfjs's own Conv2D (+ ReLU) on the same weights, for a layer
 * that reads the data (no input gradient computed at all) and for later layers (input gradient
 * flows on); inference equals the plain model it is saved as.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { GraphBuilder } from '../../../templates/builder';
import type { Tensor } from '../tf';
import { cls, compile as compileWith, gapToPlain, tf } from './test-util';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const compile = (b: GraphBuilder) => compileWith(b, 5);
const gradientGap = (model: Parameters<typeof gapToPlain>[0], x: Parameters<typeof gapToPlain>[1]) =>
  gapToPlain(model, x, 'TorchConv2d', 9);

function net(layers: [string, Record<string, unknown>][], input: number[] = [2, 9, 9]): GraphBuilder {
  const b = new GraphBuilder('Net');
  b.chain(b.input(input), [...layers, ['Flatten', {}], ['Linear', { out_features: 3 }]]);
  return b;
}

describe('TorchConv2d: fused convolution, bias and ReLU with its own gradient', () => {
  it('Conv2d + ReLU on the data: FusedConv2D forward, same gradients as Conv2D + ReLU, no input gradient', async () => {
    const model = compile(
      net([
        ['Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 }],
        ['ReLU', {}],
      ]),
    );
    expect(model.layers.map(cls)).toContain('TorchConv2d');
    expect(model.layers.map(cls)).not.toContain('ReLU');
    const { gap, kernels, outGap } = await gradientGap(model, tf.randomNormal([5, 2, 9, 9], 0, 1, 'float32', 1));
    expect(gap).toBeLessThan(1e-4);
    expect(outGap).toBeLessThan(1e-5);
    expect(kernels).toContain('FusedConv2D');
    expect(kernels).toContain('Conv2DBackpropFilter');
    expect(kernels).not.toContain('Conv2DBackpropInput');
  });

  it('a second Conv2d (stride 2, no bias, no ReLU) passes the gradient on to the first', async () => {
    const model = compile(
      net([
        ['Conv2d', { out_channels: 3, kernel_size: 3 }],
        ['ReLU', {}],
        ['Conv2d', { out_channels: 5, kernel_size: [3, 2], stride: 2, padding: [1, 0], bias: false }],
        ['Tanh', {}],
      ]),
    );
    expect(model.layers.map(cls).filter((c) => c === 'TorchConv2d').length).toBe(2);
    const { gap, kernels } = await gradientGap(model, tf.randomNormal([4, 2, 9, 9], 0, 1, 'float32', 2));
    expect(gap).toBeLessThan(1e-4);
    expect(kernels.filter((k) => k === 'Conv2DBackpropInput').length).toBe(1);
  });

  it("padding runs inside the kernel as 'same' exactly where TensorFlow's 'same' is PyTorch's padding", async () => {
    for (const [size, folded] of [
      [7, true],
      [8, false],
    ] as const) {
      const model = compile(
        net(
          [
            ['Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }],
            ['ReLU', {}],
            ['Conv2d', { out_channels: 2, kernel_size: 3, stride: 2, padding: 1 }],
          ],
          [2, size, size],
        ),
      );
      const pads = model.layers.map(cls).filter((c) => c === 'ZeroPadding2D').length;
      expect(pads).toBe(folded ? 0 : 1);
      const { gap, outGap } = await gradientGap(model, tf.randomNormal([2, 2, size, size], 0, 1, 'float32', 6));
      expect(gap).toBeLessThan(1e-4);
      expect(outGap).toBeLessThan(1e-5);
    }
  });

  it('dilated convolutions train (tfjs has no dilated gradient): gradients equal exact differences', () => {
    // No activation: the loss is linear in each single weight, so a central difference with a
    // step of 1 is exact up to float32 rounding.
    const model = compile(
      net(
        [
          ['Conv2d', { out_channels: 3, kernel_size: 3, dilation: 2, padding: 2 }],
          ['Conv2d', { out_channels: 2, kernel_size: [2, 3], dilation: [3, 2], padding: 1 }],
        ],
        [2, 11, 11],
      ),
    );
    expect(model.layers.map(cls).filter((c) => c === 'TorchConv2d').length).toBe(2);
    const x = tf.randomNormal([3, 2, 11, 11], 0, 1, 'float32', 4);
    const target = tf.randomNormal([3, 3], 0, 1, 'float32', 8);
    const lossOf = () => tf.sum(tf.mul(model.apply(x, { training: true }) as Tensor, target)) as tfc.Scalar;
    const kernels = model.trainableWeights.filter((w) => w.shape.length === 4);
    const vars = kernels.map((w) => w.read() as tfc.Variable);
    const { grads } = tf.variableGrads(lossOf, vars);
    for (const v of vars) {
      const g = grads[v.name].dataSync();
      const w0 = v.dataSync().slice();
      for (const i of [0, 5, w0.length - 1]) {
        const at = (delta: number) => {
          const w = w0.slice();
          w[i] += delta;
          v.assign(tf.tensor(w, v.shape));
          return tf.tidy(() => lossOf().dataSync()[0]);
        };
        const fd = (at(1) - at(-1)) / 2;
        v.assign(tf.tensor(w0, v.shape));
        expect(Math.abs(fd - g[i])).toBeLessThan(1e-3 * Math.max(1, Math.abs(g[i])));
      }
    }
  });

  it('a ReLU whose pre-activation is also used elsewhere is not fused; dead units get no gradient', async () => {
    const b = new GraphBuilder('Net');
    const c = b.layer('Conv2d', { out_channels: 2, kernel_size: 3, padding: 1 }, b.input([1, 6, 6]));
    const r = b.layer('ReLU', {}, c);
    const s = b.layer('Add', {}, [r, c]);
    b.layer('Linear', { out_features: 2 }, b.layer('Flatten', {}, s));
    const model = compile(b);
    expect(model.layers.map(cls)).toContain('ReLU');
    const { gap } = await gradientGap(model, tf.randomNormal([3, 1, 6, 6], 0, 1, 'float32', 3));
    expect(gap).toBeLessThan(1e-4);
  });
});
