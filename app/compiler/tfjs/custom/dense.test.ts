/**
 * TorchLinear (custom/dense.ts): Linear with bias and fused ReLU under one custom gradient. Its
 * gradients must equal tfjs's own Dense (+ ReLU) on the same weights, with the input gradient
 * computed only where something upstream needs it; inference equals the plain model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../templates/builder';
import { cls, compile as compileWith, gapToPlain, tf } from './test-util';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const compile = (b: GraphBuilder) => compileWith(b, 3);
const compare = (model: Parameters<typeof gapToPlain>[0], x: Parameters<typeof gapToPlain>[1]) =>
  gapToPlain(model, x, 'TorchLinear', 7);

describe('TorchLinear: fused product, bias and ReLU with its own gradient', () => {
  it('an MLP on [N, F]: same gradients as Dense + ReLU; the first layer computes no input gradient', async () => {
    const b = new GraphBuilder('MLP');
    b.chain(b.input([6]), [
      ['Linear', { out_features: 5 }],
      ['ReLU', {}],
      ['Linear', { out_features: 4, bias: false }],
      ['Sigmoid', {}],
      ['Linear', { out_features: 3 }],
    ]);
    const model = compile(b);
    expect(model.layers.map(cls).filter((c) => c === 'TorchLinear').length).toBe(3);
    expect(model.layers.map(cls)).not.toContain('ReLU');
    const { gap, outGap, kernels } = await compare(model, tf.randomNormal([4, 6], 0, 1, 'float32', 1));
    expect(gap).toBeLessThan(1e-5);
    expect(outGap).toBeLessThan(1e-5);
    expect(kernels.filter((k) => k === '_FusedMatMul').length).toBe(3);
    // Backward: dW for each of the three layers, dx only for the second and third.
    expect(kernels.filter((k) => k === 'BatchMatMul').length).toBe(5);
  });

  it('a Linear on a [N, C, H, W] tensor (the last dim, as PyTorch) trains like Dense', async () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([2, 5, 5]), [
      ['Conv2d', { out_channels: 3, kernel_size: 3 }],
      ['Linear', { out_features: 4 }],
      ['ReLU', {}],
      ['Flatten', {}],
      ['Linear', { out_features: 2 }],
    ]);
    const model = compile(b);
    const { gap, outGap } = await compare(model, tf.randomNormal([3, 2, 5, 5], 0, 1, 'float32', 2));
    expect(gap).toBeLessThan(1e-4);
    expect(outGap).toBeLessThan(1e-5);
  });
});
