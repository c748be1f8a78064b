// Shared by the fused layers' tests (conv.test.ts, dense.test.ts): tfjs on the cpu backend, a
// compiled graph, and the comparison of a compiled model's gradients with the same topology
// loaded as plain tfjs layers.
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';
import type { GraphBuilder } from '../../../templates/builder';
import { compileGraph } from '../compile';
import { toPlainTopology } from '../plain';
import type { LayersModel, Tensor, Tf } from '../tf';

export const tf = { ...tfc, ...tfl } as unknown as Tf;

export function compile(b: GraphBuilder, seed: number): LayersModel {
  const c = compileGraph(tf, b.build(), { seed });
  if (!c.ok) throw new Error(c.error);
  return c.value.model;
}

export const cls = (l: object) => (l.constructor as unknown as { className: string }).className;

/**
 * The model against the same topology loaded as plain tfjs layers (none of them `customClass`):
 * the largest gradient gap over every trainable weight for sum(output * a fixed random target),
 * the largest output gap in inference, and the kernels the model's backward pass ran.
 */
export async function gapToPlain(
  model: LayersModel,
  x: Tensor,
  customClass: string,
  seed: number,
): Promise<{ gap: number; outGap: number; kernels: string[] }> {
  const { topology, custom } = toPlainTopology(model.toJSON(null, false) as Record<string, unknown>);
  expect(custom).toEqual([]);
  const plain = await tf.models.modelFromJSON(topology as never);
  expect(plain.layers.map(cls)).not.toContain(customClass);
  plain.setWeights(model.getWeights());
  const outGap = tf.max(tf.abs(tf.sub(model.predict(x) as Tensor, plain.predict(x) as Tensor))).dataSync()[0];
  const target = tf.randomNormal((model.predict(x) as Tensor).shape, 0, 1, 'float32', seed);
  const loss = (m: LayersModel) => () => tf.sum(tf.mul(m.apply(x, { training: true }) as Tensor, target)) as tfc.Scalar;
  const vars = model.trainableWeights.map((w) => w.read() as tfc.Variable);
  let mine: Record<string, Tensor> = {};
  const prof = await tf.profile((() => {
    mine = tf.variableGrads(loss(model), vars).grads;
  }) as never);
  const pv = plain.trainableWeights.map((w) => w.read() as tfc.Variable);
  const want = tf.variableGrads(loss(plain), pv).grads;
  expect(vars.length).toBe(pv.length);
  let gap = 0;
  vars.forEach((v, i) => {
    gap = Math.max(gap, tf.max(tf.abs(tf.sub(mine[v.name], want[pv[i].name]))).dataSync()[0]);
  });
  return { gap, outGap, kernels: prof.kernels.map((k) => k.name) };
}
