/**
 * Keras import of Conv2DTranspose, GlobalMaxPooling2D and the 1-D layers (Conv1D, MaxPooling1D,
 * AveragePooling1D, GlobalAveragePooling1D on a channels-last sequence [L, C]): models built with
 * tfjs-layers, with weights, import onto ConvTranspose2d, AdaptiveMaxPool2d, Conv1d, MaxPool1d,
 * AvgPool1d and AdaptiveAvgPool1d and give the Keras model's outputs on the same (transposed) input.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { LayersModel, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { fsSaveHandler } from '../runs/io-handler';
import { importModelFile } from './import';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-conv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function compare(tf: Tf, m: LayersModel, name: string, x: Tensor, perm: number[]) {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  await m.save(fsSaveHandler(d));
  const r = await importModelFile(join(d, 'model.json'));
  if (!r.ok) throw new Error(r.error);
  const a = analyzeGraph(r.value.graph);
  expect(a.errors).toEqual([]);
  const c = compileGraph(tf, r.value.graph, { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  expect(setStateDict(tf, c.value, r.value.weights, defaultNamer).ok).toBe(true);
  const got = (c.value.model.predict(tf.transpose(x, perm)) as Tensor).dataSync();
  const want = (m.predict(x) as Tensor).dataSync();
  c.value.model.dispose();
  expect(got.length).toBe(want.length);
  let gap = 0;
  for (let i = 0; i < want.length; i++) gap = Math.max(gap, Math.abs(got[i] - want[i]));
  expect(gap).toBeLessThan(1e-4);
  expect(a.totalParams).toBe(m.countParams());
  return r.value.graph.nodes.map((n) => n.type);
}

describe('Keras import of transposed convolutions and 1-D layers', () => {
  it('Conv2DTranspose (valid and same) and GlobalMaxPooling2D give the Keras outputs', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.conv2dTranspose({ inputShape: [5, 6, 3], filters: 4, kernelSize: 3, strides: 2, activation: 'relu' }),
        tf.layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', useBias: false }),
        tf.layers.conv2dTranspose({ filters: 3, kernelSize: [1, 2], strides: [3, 1] }),
        tf.layers.globalMaxPooling2d({}),
        tf.layers.dense({ units: 3 }),
      ],
    });
    const types = await compare(tf, m, 'convt', tf.randomNormal([2, 5, 6, 3]), [0, 3, 1, 2]);
    expect(types).toEqual([
      'Input',
      'ConvTranspose2d',
      'ReLU',
      'ConvTranspose2d',
      'ConvTranspose2d',
      'AdaptiveMaxPool2d',
      'Flatten',
      'Linear',
    ]);
  });

  it('Conv1D, MaxPooling1D and AveragePooling1D (valid and same), Flatten and Dense give the Keras outputs', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [13, 4], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling1d({ poolSize: 2, padding: 'same' }),
        tf.layers.conv1d({ filters: 5, kernelSize: 3, strides: 2, dilationRate: 1 }),
        tf.layers.averagePooling1d({ poolSize: 2, strides: 1 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    const types = await compare(tf, m, 'seq', tf.randomNormal([2, 13, 4]), [0, 2, 1]);
    expect(types).toEqual(['Input', 'Conv1d', 'ReLU', 'MaxPool1d', 'Conv1d', 'AvgPool1d', 'Flatten', 'Linear']);
  });

  it('GlobalAveragePooling1D and a dilated Conv1D give the Keras outputs', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [11, 3], filters: 4, kernelSize: 3, dilationRate: 2 }),
        tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
        tf.layers.globalAveragePooling1d({}),
        tf.layers.dense({ units: 2 }),
      ],
    });
    const types = await compare(tf, m, 'gap1d', tf.randomNormal([2, 11, 3]), [0, 2, 1]);
    expect(types).toEqual(['Input', 'Conv1d', 'AvgPool1d', 'AdaptiveAvgPool1d', 'Flatten', 'Linear']);
  });
});
