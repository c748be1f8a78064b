/** TorchDataLinear: used on data inputs, same gradients as tfjs's Dense, no input gradient (convolutions: conv.test.ts). */
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

function compile(b: GraphBuilder): LayersModel {
  const c = compileGraph(tf, b.build(), { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  return c.value.model;
}

/** The model's gradients, and the same model rebuilt from tfjs's own Conv2D/Dense with the same weights. */
async function grads(model: LayersModel, x: Tensor) {
  const vars = model.trainableWeights.map((w) => w.read() as tfc.Variable);
  const loss = (m: LayersModel) => () => tf.sum(tf.square(m.apply(x, { training: true }) as Tensor)) as tfc.Scalar;
  const mine = tf.variableGrads(loss(model), vars).grads;
  // The same model as plain tfjs Conv2D/Dense (toPlainTopology's rewrite), with the same weights.
  const { topology, custom } = toPlainTopology(model.toJSON(null, false) as Record<string, unknown>);
  expect(custom).toEqual([]);
  const plain = await tf.models.modelFromJSON(topology as never);
  plain.setWeights(model.getWeights());
  const same = tf.max(tf.abs(tf.sub(model.predict(x) as Tensor, plain.predict(x) as Tensor))).dataSync()[0];
  expect(same).toBeLessThan(1e-5);
  const pv = plain.trainableWeights.map((w) => w.read() as tfc.Variable);
  const want = tf.variableGrads(loss(plain), pv).grads;
  return { mine: vars.map((v) => mine[v.name]), want: pv.map((v) => want[v.name]) };
}

/** The class tfjs registered (getClassName gives the plain class the layer saves as). */
const cls = (l: object) => (l.constructor as unknown as { className: string }).className;

describe('data-input layers', () => {
  it('a first Linear on [N, F] is TorchDataLinear with the same gradients; inference equals the plain model', async () => {
    const b = new GraphBuilder('MLP');
    b.chain(b.input([6]), [['Linear', { out_features: 5 }], ['Sigmoid', {}], ['Linear', { out_features: 3 }]]);
    const model = compile(b);
    expect(model.layers.map((l) => cls(l)).filter((c) => c === 'TorchDataLinear').length).toBe(1);
    const x = tf.randomNormal([4, 6]);
    const { mine, want } = await grads(model, x);
    mine.forEach((g, i) => expect(Math.max(...Array.from(tf.abs(tf.sub(g, want[i])).dataSync()))).toBeLessThan(1e-5));
  });

  it('a Linear after a trainable layer, or with a fused ReLU, stays tfjs Dense', () => {
    const b = new GraphBuilder('MLP');
    b.chain(b.input([6]), [['Linear', { out_features: 5 }], ['ReLU', {}], ['Linear', { out_features: 3 }]]);
    expect(compile(b).layers.map((l) => cls(l)).filter((c) => c.startsWith('TorchData'))).toEqual([]);
  });
});
