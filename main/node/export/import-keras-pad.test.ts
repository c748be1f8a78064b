/**
 * Keras padding shapes PyTorch has no single layer for, imported as ZeroPad2d where needed: a
 * strided Conv2D with padding 'same' (TF pads the odd row/column at the bottom/right), a
 * ZeroPadding2D before a MaxPooling2D (zeros, not MaxPool2d's -inf), and 'same' pooling. Each model
 * is saved as model.json + weights, loaded back by tfjs's own tf.loadLayersModel, and the imported
 * graph gives its outputs within 1e-4 (inputs all negative where a wrong pad value would show).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Layer, LayersModel, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import type { GraphNode } from '../../../app/graph/types';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { fsSaveHandler } from '../runs/io-handler';
import { importModelFile } from './import';
import { loadTfjsFolder } from './tfjs';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-pad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type L = Layer;

/** Saves a Sequential of `layers` (or `opts.model`) on an [H, W, C] input, reloads it with tf.loadLayersModel and imports it. */
async function check(
  name: string,
  input: [number, number, number],
  layers: (tf: Tf) => L[],
  opts: { negative?: boolean; model?: LayersModel } = {},
) {
  const tf = await cpuTf();
  const m: LayersModel = opts.model ?? tf.sequential({ layers: layers(tf) });
  // Biases away from zero, so a missing or misplaced pad shows.
  for (const l of m.layers)
    l.setWeights(l.getWeights().map((w) => (w.shape.length === 1 ? tf.randomUniform(w.shape, -0.5, 0.5) : w)));
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  await m.save(fsSaveHandler(d));
  const loaded = await loadTfjsFolder(tf, d);
  if (!loaded.ok) throw new Error(loaded.error);
  const nhwc = opts.negative
    ? tf.sub(tf.neg(tf.randomUniform([2, ...input], 0, 1, 'float32', 7)), 0.1)
    : tf.randomNormal([2, ...input], 0, 1, 'float32', 7);
  const y = loaded.value.predict(nhwc) as Tensor;
  // A 4D output is channels-last in Keras, [N, C, H, W] in the imported graph.
  const want = (y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y).dataSync();
  const r = await importModelFile(join(d, 'model.json'));
  if (!r.ok) throw new Error(r.error);
  const a = analyzeGraph(r.value.graph);
  expect(a.errors).toEqual([]);
  expect(a.totalParams).toBe(m.countParams());
  const c = compileGraph(tf, r.value.graph, { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  const set = setStateDict(tf, c.value, r.value.weights, defaultNamer);
  if (!set.ok) throw new Error(set.error);
  const got = (c.value.model.predict(tf.transpose(nhwc, [0, 3, 1, 2])) as Tensor).dataSync();
  c.value.model.dispose();
  loaded.value.dispose();
  expect(got.length).toBe(want.length);
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]));
  expect(diff).toBeLessThan(1e-4);
  const nodes = (type: string) => r.value.graph.nodes.filter((n: GraphNode) => n.type === type).map((n) => n.params);
  return { nodes };
}

describe('Keras padding import = tf.loadLayersModel within 1e-4', () => {
  it("Conv2D strides 2 padding 'same': ZeroPad2d((0, 1, 0, 1)) + Conv2d on an even size, plain padding on an odd size", async () => {
    const even = await check('conv-same-even', [8, 10, 3], (tf) => [
      tf.layers.conv2d({ inputShape: [8, 10, 3], filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.conv2d({ filters: 2, kernelSize: [4, 3], strides: [2, 1], padding: 'same', activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ]);
    // 8x10 -> TF pads total 1 on each axis: (left 0, right 1, top 0, bottom 1); then a 4x3 kernel, stride (2, 1) on 4x5: totals 2 and 2 -> padding 1.
    expect(even.nodes('ZeroPad2d')).toEqual([{ padding: [0, 1, 0, 1] }]);
    expect(even.nodes('Conv2d').map((p) => p.padding)).toEqual([0, 1]);
    const odd = await check('conv-same-odd', [9, 9, 2], (tf) => [
      tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      tf.layers.conv2d({ filters: 3, kernelSize: 5, strides: 2, padding: 'same' }),
    ]);
    // 9 -> total 2 -> 1/1 (symmetric); then 5 with k5 s2 -> total 4 -> 2/2.
    expect(odd.nodes('ZeroPad2d')).toEqual([]);
    expect(odd.nodes('Conv2d').map((p) => p.padding)).toEqual([1, 2]);
  });

  it('ZeroPadding2D before MaxPooling2D: a ZeroPad2d node (zeros win over negative values); before Conv2D still folded', async () => {
    const r = await check(
      'zeropad-maxpool',
      [7, 8, 2],
      (tf) => [
        tf.layers.zeroPadding2d({
          inputShape: [7, 8, 2],
          padding: [
            [1, 1],
            [1, 1],
          ],
        }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 2 }),
        tf.layers.zeroPadding2d({
          padding: [
            [0, 1],
            [2, 0],
          ],
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.zeroPadding2d({ padding: 1 }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3 }),
      ],
      { negative: true },
    );
    expect(r.nodes('ZeroPad2d')).toEqual([{ padding: 1 }, { padding: [2, 0, 0, 1] }]);
    expect(r.nodes('MaxPool2d').map((p) => p.padding ?? 0)).toEqual([0, 0]);
    expect(r.nodes('Conv2d').map((p) => p.padding)).toEqual([1]);
  });

  it('ZeroPadding2D before AveragePooling2D folds into its padding; uneven or large, a ZeroPad2d; ZeroPadding2D last, a ZeroPad2d', async () => {
    const r = await check(
      'zeropad-avgpool',
      [6, 6, 2],
      (tf) => [
        tf.layers.zeroPadding2d({ inputShape: [6, 6, 2], padding: 1 }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
        tf.layers.zeroPadding2d({
          padding: [
            [1, 0],
            [0, 1],
          ],
        }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }),
        tf.layers.zeroPadding2d({ padding: 2 }),
      ],
      { negative: true },
    );
    expect(r.nodes('AvgPool2d').map((p) => p.padding ?? 0)).toEqual([1, 0]);
    expect(r.nodes('ZeroPad2d')).toEqual([{ padding: [0, 1, 1, 0] }, { padding: 2 }]);
  });

  it("MaxPooling2D / AveragePooling2D with padding 'same': PyTorch padding and ceil_mode, padded cells ignored as in TF", async () => {
    const r = await check(
      'pool-same',
      [9, 8, 2],
      (tf) => [
        tf.layers.maxPooling2d({ inputShape: [9, 8, 2], poolSize: 3, strides: 2, padding: 'same' }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same' }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }),
      ],
      { negative: true },
    );
    expect(r.nodes('MaxPool2d')).toEqual([
      { kernel_size: 3, stride: 2, padding: [1, 0], ceil_mode: true },
      { kernel_size: 3, stride: 1, padding: 1 },
    ]);
    expect(r.nodes('AvgPool2d')).toEqual([
      { kernel_size: 2, stride: 2, padding: 0, count_include_pad: false, ceil_mode: true },
    ]);
  });

  it('a functional model: one ZeroPadding2D read by a Conv2D (folded) and a MaxPooling2D (ZeroPad2d), concatenated', async () => {
    const tf = await cpuTf();
    const inp = tf.input({ shape: [6, 7, 2] });
    const z = tf.layers.zeroPadding2d({ padding: 1 }).apply(inp) as never;
    const a = tf.layers.conv2d({ filters: 3, kernelSize: 3 }).apply(z) as never;
    const p = tf.layers.maxPooling2d({ poolSize: 3, strides: 1 }).apply(z) as never;
    const out = tf.layers.concatenate().apply([a, p]) as never;
    const m = tf.model({ inputs: inp, outputs: out });
    const r = await check('functional-pad', [6, 7, 2], () => [], { negative: true, model: m });
    expect(r.nodes('ZeroPad2d')).toEqual([{ padding: 1 }]);
    expect(r.nodes('Conv2d').map((q) => q.padding)).toEqual([1]);
  });

  it("an even pool size with stride 1 and padding 'same' is an error naming the fix", async () => {
    await expect(
      check('pool-same-even', [5, 5, 1], (tf) => [
        tf.layers.maxPooling2d({ inputShape: [5, 5, 1], poolSize: 2, strides: 1, padding: 'same' }),
      ]),
    ).rejects.toThrow(
      /layer 'max_pooling2d\w*' \(MaxPooling2D\): padding 'same' pads .*cannot pad one side more with stride 1; use an odd pool size or padding 'valid'/,
    );
  });
});
