/**
 * TorchLinear (custom/dense.ts): Linear with bias and fused ReLU under one custom gradient. Its
 * gradients must equal tfjs's own Dense (+ ReLU) on the same weights, with the input gradient
 * computed only where something upstream needs it; inference equals the plain model.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../templates/builder';
import { compileGraph } from '../compile';
import { toPlainTopology } from '../plain';
import type { LayersModel, Tensor, Tf } from '../tf';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cls = (l: object) => (l.constructor as unknown as { className: string }).className;

function compile(b: GraphBuilder): LayersModel {
  const c = compileGraph(tf, b.build(), { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  return c.value.model;
}

/** Max gradient gap against the same topology as plain tfjs layers; the kernels one backward ran. */
async function compare(model: LayersModel, x: Tensor): Promise<{ gap: number; outGap: number; kernels: string[] }> {
  const { topology, custom } = toPlainTopology(model.toJSON(null, false) as Record<string, unknown>);
  expect(custom).toEqual([]);
  const plain = await tf.models.modelFromJSON(topology as never);
  expect(plain.layers.map(cls)).not.toContain('TorchLinear');
  plain.setWeights(model.getWeights());
  const outGap = tf.max(tf.abs(tf.sub(model.predict(x) as Tensor, plain.predict(x) as Tensor))).dataSync()[0];
  const target = tf.randomNormal((model.predict(x) as Tensor).shape, 0, 1, 'float32', 7);
  const loss = (m: LayersModel) => () => tf.sum(tf.mul(m.apply(x, { training: true }) as Tensor, target)) as tfc.Scalar;
  const vars = model.trainableWeights.map((w) => w.read() as tfc.Variable);
  let mine: Record<string, Tensor> = {};
  const prof = await tf.profile((() => { mine = tf.variableGrads(loss(model), vars).grads; }) as never);
  const pv = plain.trainableWeights.map((w) => w.read() as tfc.Variable);
  const want = tf.variableGrads(loss(plain), pv).grads;
  let gap = 0;
  vars.forEach((v, i) => { gap = Math.max(gap, tf.max(tf.abs(tf.sub(mine[v.name], want[pv[i].name]))).dataSync()[0]); });
  return { gap, outGap, kernels: prof.kernels.map((k) => k.name) };
}

describe('TorchLinear: fused product, bias and ReLU with its own gradient', () => {
  it('an MLP on [N, F]: same gradients as Dense + ReLU; the first layer computes no input gradient', async () => {
    const b = new GraphBuilder('MLP');
    b.chain(b.input([6]), [['Linear', { out_features: 5 }], ['ReLU', {}], ['Linear', { out_features: 4, bias: false }], ['Sigmoid', {}], ['Linear', { out_features: 3 }]]);
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
    b.chain(b.input([2, 5, 5]), [['Conv2d', { out_channels: 3, kernel_size: 3 }], ['Linear', { out_features: 4 }], ['ReLU', {}], ['Flatten', {}], ['Linear', { out_features: 2 }]]);
    const model = compile(b);
    const { gap, outGap } = await compare(model, tf.randomNormal([3, 2, 5, 5], 0, 1, 'float32', 2));
    expect(gap).toBeLessThan(1e-4);
    expect(outGap).toBeLessThan(1e-5);
  });
});
