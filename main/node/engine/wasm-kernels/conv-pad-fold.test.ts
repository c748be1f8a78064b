// The padding a Conv2d needs beyond TensorFlow's 'same' (ResNet's 7x7/2 stem, its stride-2 3x3
// convolutions on even maps) is folded into the convolution's kernels while training on wasm
// (app/compiler/tfjs/custom/conv.ts): no PadV2 and no Slice per step, the same loss and
// gradients as padding first (to float32 rounding), and the same saved model (a ZeroPadding2D,
// then a 'valid' Conv2D).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../../app/compiler/tfjs';
import { setConvPadFolding } from '../../../../app/compiler/tfjs/custom/conv';
import type { Tensor, Tf } from '../../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../../app/graph/types';
import { GraphBuilder } from '../../../../app/templates/builder';
import { lossValue } from '../../../../app/training/losses';
import { randomValues, ready, rng, tf as tfc } from './test-util';

const tf = { ...tfc, ...tfl } as unknown as Tf;

function stem(): Graph {
  const b = new GraphBuilder('Stem');
  b.chain(b.input([3, 20, 20]), [
    ['Conv2d', { out_channels: 8, kernel_size: 7, stride: 2, padding: 3, bias: false }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 6, kernel_size: 3, stride: 2, padding: 1 }],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 5, kernel_size: [3, 5], padding: [2, 1], dilation: [2, 1] }],
    ['Flatten', {}],
    ['Linear', { out_features: 10 }],
  ]);
  return b.build();
}

async function run(fold: boolean) {
  setConvPadFolding(fold);
  await tf.setBackend('wasm');
  const c = compileGraph(tf, stem(), { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const r = rng(9);
  const x = tf.tensor(randomValues(r, 4 * 3 * 20 * 20), [4, 3, 20, 20]);
  const y = tf.tensor1d(Int32Array.from([1, 7, 3, 0]), 'int32');
  let grads: Float32Array[] = [];
  let loss = 0;
  const prof = await tf.profile(() => {
    const g = tf.variableGrads(
      () => lossValue(tf, 'CrossEntropyLoss', model.apply(x, { training: true }) as Tensor, y) as never,
      params,
    );
    loss = g.value.dataSync()[0];
    grads = params.map((p) => Float32Array.from(g.grads[p.name].dataSync()));
    tf.dispose([g.value, ...Object.values(g.grads)]);
  });
  const evalOut = tf.tidy(() => Float32Array.from((model.predict(x) as Tensor).dataSync()));
  const topology = JSON.stringify(model.toJSON(null, false));
  tf.dispose([x, y]);
  model.dispose();
  return { loss, grads, kernels: prof.kernels.map((k) => k.name), evalOut, topology };
}

describe('Conv2d padding folded into the kernels while training on wasm', () => {
  beforeAll(ready);
  afterEach(() => setConvPadFolding(true));

  it('runs no PadV2 or Slice for the padding, and gives the same loss, gradients, evaluation and saved topology', async () => {
    const padded = await run(false);
    const folded = await run(true);
    const count = (ks: string[], name: string) => ks.filter((k) => k === name).length;
    // Gone: the three ZeroPadding2Ds' PadV2 and the Slice of the two padded inputs that need a
    // gradient (the stem's reads the data). The dilated layer keeps its own pad and slice of the kernel.
    expect(count(padded.kernels, 'PadV2') - count(folded.kernels, 'PadV2')).toBe(3);
    expect(count(padded.kernels, 'Slice') - count(folded.kernels, 'Slice')).toBe(2);
    expect(folded.loss).toBe(padded.loss);
    expect(folded.grads.length).toBe(padded.grads.length);
    // The gradient kernels may choose another algorithm for the unpadded input (another order of
    // the same sums): equal to float32 rounding of the largest element (ResNet-18 at batch 64:
    // 1.2e-6 at most; here exactly equal).
    folded.grads.forEach((g, i) => {
      let gap = 0,
        scale = 0;
      for (let j = 0; j < g.length; j++) {
        gap = Math.max(gap, Math.abs(g[j] - padded.grads[i][j]));
        scale = Math.max(scale, Math.abs(padded.grads[i][j]));
      }
      expect(gap / scale, `gradient of parameter ${i}`).toBeLessThan(1e-5);
    });
    expect(Array.from(folded.evalOut)).toEqual(Array.from(padded.evalOut));
    expect(folded.topology).toBe(padded.topology);
    const layers = (
      JSON.parse(folded.topology) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }
    ).config.layers;
    expect(layers.filter((l) => l.class_name === 'ZeroPadding2D').length).toBe(3);
    for (const l of layers.filter((l) => l.class_name === 'Conv2D'))
      expect(['valid', 'same']).toContain(l.config.padding);
  });
});
