/**
 * Keras / TensorFlow.js model.json import: Keras models built channels-last with tfjs-layers
 * (Sequential and functional, with weights) import onto a graph whose outputs equal the Keras
 * model's on the same (transposed) input; Netloom's own tfjs exports import back with the same
 * shapes, parameter counts and outputs; broken files are one-line errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { LayersModel, SymbolicTensor, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { buildTemplate } from '../../../app/templates';
import { importModelFile } from './import';
import { writeTfjs } from './tfjs';
import { cpuTf } from './tf-cpu';
import { exportModel } from './weights';
import { fsSaveHandler } from '../runs/io-handler';

const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importedOutputs(
  tf: Tf,
  path: string,
  x: Tensor,
): Promise<{ out: Float32Array; params: number; types: string[] }> {
  const r = await importModelFile(path);
  if (!r.ok) throw new Error(r.error);
  const a = analyzeGraph(r.value.graph);
  expect(a.errors).toEqual([]);
  const c = compileGraph(tf, r.value.graph, { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  const set = setStateDict(tf, c.value, r.value.weights, defaultNamer);
  if (!set.ok) throw new Error(set.error);
  const y = c.value.model.predict(x) as Tensor;
  const out = y.dataSync() as Float32Array;
  c.value.model.dispose();
  return { out, params: a.totalParams, types: r.value.graph.nodes.map((n) => n.type) };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

async function saveKeras(model: LayersModel, name: string): Promise<string> {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  await model.save(fsSaveHandler(d));
  return join(d, 'model.json');
}

describe('Keras model.json import', () => {
  it('a channels-last Sequential Keras model with weights gives the same outputs', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 10, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.batchNormalization({ epsilon: 1e-3 }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 5, kernelSize: [3, 2], strides: 1, useBias: false }),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.dense({ units: 7, activation: 'tanh' }),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    // Move BatchNorm's statistics away from their defaults.
    const bn = m.layers[1];
    bn.setWeights(
      bn
        .getWeights()
        .map((w, i) => tf.add(tf.mul(tf.randomUniform(w.shape, 0.2, 1), i === 3 ? 1 : 0.5), i === 3 ? 0.5 : 0)),
    );
    const path = await saveKeras(m, 'seq');
    const nhwc = tf.randomNormal([2, 12, 10, 3]);
    const want = (m.predict(nhwc) as Tensor).dataSync();
    const got = await importedOutputs(tf, path, tf.transpose(nhwc, [0, 3, 1, 2]));
    expect(got.params).toBe(m.countParams() - 8); // Keras counts BatchNorm's moving mean/variance as parameters
    expect(maxDiff(got.out, want)).toBeLessThan(1e-4);
  });

  it('activations relu6, swish, mish, softplus, ReLU(maxValue=6) and a Multiply import as ReLU6, SiLU, Mish, Softplus, ReLU6 and Mul', async () => {
    const tf = await cpuTf();
    const inp = tf.input({ shape: [6, 5, 3] });
    let y = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'relu6' }).apply(inp) as SymbolicTensor;
    y = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'swish' }).apply(y) as SymbolicTensor;
    y = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'mish' }).apply(y) as SymbolicTensor;
    const gate = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'softplus' }).apply(y) as SymbolicTensor;
    y = tf.layers.multiply().apply([y, gate]) as SymbolicTensor;
    y = tf.layers
      .reLU({ maxValue: 6 })
      .apply(tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(y) as SymbolicTensor) as SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: tf.layers.globalAveragePooling2d({}).apply(y) as SymbolicTensor });
    const path = await saveKeras(m, 'acts');
    const nhwc = tf.mul(tf.randomNormal([2, 6, 5, 3]), 3);
    const want = (m.predict(nhwc) as Tensor).dataSync();
    const got = await importedOutputs(tf, path, tf.transpose(nhwc, [0, 3, 1, 2]));
    expect(got.types).toEqual(expect.arrayContaining(['ReLU6', 'SiLU', 'Mish', 'Softplus', 'Mul']));
    expect(maxDiff(got.out, want)).toBeLessThan(1e-4);
  });

  it('a functional Keras model (residual Add, Concatenate, global pooling) gives the same outputs', async () => {
    const tf = await cpuTf();
    const inp = tf.input({ shape: [8, 8, 2] });
    const a = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same' }).apply(inp) as never;
    const s = tf.layers.add().apply([a, inp]) as never;
    const r = tf.layers.reLU().apply(s) as never;
    const c = tf.layers.concatenate().apply([r, inp]) as never;
    const p = tf.layers.globalAveragePooling2d({}).apply(c) as never;
    const o = tf.layers.dense({ units: 4 }).apply(p) as never;
    const m = tf.model({ inputs: inp, outputs: o });
    const path = await saveKeras(m, 'fn');
    const nhwc = tf.randomNormal([3, 8, 8, 2]);
    const want = (m.predict(nhwc) as Tensor).dataSync();
    const got = await importedOutputs(tf, path, tf.transpose(nhwc, [0, 3, 1, 2]));
    expect(got.params).toBe(m.countParams());
    expect(maxDiff(got.out, want)).toBeLessThan(1e-4);
  });

  it.each(['lenet5', 'mlp'])(
    "Netloom's own tfjs export of %s imports back with the same parameters and outputs",
    async (name) => {
      const g = buildTemplate(name);
      if (!g.ok) throw new Error(g.error);
      const m = await exportModel(g.value, { seed: 3 });
      if (!m.ok) throw new Error(m.error);
      const d = join(dir, `own-${name}`);
      expect((await writeTfjs(m.value.compiled, d)).ok).toBe(true);
      const x = m.value.tf.randomNormal([2, 1, 28, 28]);
      const want = (m.value.compiled.model.predict(x) as Tensor).dataSync();
      const got = await importedOutputs(m.value.tf, join(d, 'model.json'), x);
      expect(got.params).toBe(analyzeGraph(g.value).totalParams);
      expect(maxDiff(got.out, want)).toBeLessThan(1e-5);
      m.value.compiled.model.dispose();
    },
  );

  it('a corrupted model.json, weights of the wrong size and an unknown layer class are one-line errors', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    const path = await saveKeras(m, 'bad');
    writeFileSync(join(dir, 'bad', 'weights.bin'), Buffer.alloc(12));
    const short = await importModelFile(path);
    expect(short.ok ? '' : short.error).toMatch(/have 12 bytes, the manifest needs 40/);
    writeFileSync(path, '{"modelTopology": {"class_name": "Sequ');
    const broken = await importModelFile(path);
    expect(broken.ok ? '' : broken.error).toMatch(/is not a readable model\.json/);
    writeFileSync(
      path,
      JSON.stringify({
        modelTopology: {
          class_name: 'Sequential',
          config: {
            layers: [{ class_name: 'LSTM', config: { name: 'lstm', batch_input_shape: [null, 3, 4], units: 2 } }],
          },
        },
      }),
    );
    const unknown = await importModelFile(path);
    expect(unknown.ok ? '' : unknown.error).toMatch(/layer 'lstm' \(LSTM\): layer class LSTM is not imported/);
    for (const r of [short, broken, unknown]) expect(r.ok ? '' : r.error).not.toContain('\n');
  });
});

describe('Keras LayerNormalization, Permute and Reshape', () => {
  /** Every weight of the model's layers of this class moved away from its initial value. */
  const randomize = (tf: Tf, m: LayersModel, cls: string) => {
    for (const l of m.layers.filter((q) => q.getClassName() === cls))
      l.setWeights(l.getWeights().map((w) => tf.randomNormal(w.shape, 0.5, 0.5)));
  };

  it('on channels-last maps: LayerNorm over C (with permutes) and over [C, H, W], a Permute swapping H and W', async () => {
    const tf = await cpuTf();
    const inp = tf.input({ shape: [6, 5, 3] });
    let y = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(inp) as SymbolicTensor;
    y = tf.layers.layerNormalization({ epsilon: 1e-5 }).apply(y) as SymbolicTensor;
    y = tf.layers.layerNormalization({ axis: [1, 2, 3] }).apply(y) as SymbolicTensor;
    y = tf.layers.permute({ dims: [2, 1, 3] }).apply(y) as SymbolicTensor;
    y = tf.layers.dense({ units: 3 }).apply(tf.layers.flatten().apply(y) as SymbolicTensor) as SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: y });
    randomize(tf, m, 'LayerNormalization');
    const path = await saveKeras(m, 'layernorm-image');
    const nhwc = tf.randomNormal([2, 6, 5, 3]);
    const want = (m.predict(nhwc) as Tensor).dataSync();
    const got = await importedOutputs(tf, path, tf.transpose(nhwc, [0, 3, 1, 2]));
    expect(got.types).toEqual([
      'Input',
      'Conv2d',
      'Permute',
      'LayerNorm',
      'Permute',
      'LayerNorm',
      'Permute',
      'Flatten',
      'Linear',
    ]);
    expect(maxDiff(got.out, want)).toBeLessThan(1e-4);
  });

  it('on sequences: LayerNorm over the features, Permute, and a Reshape to an image as Unflatten + Permute', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [12], units: 12 }),
        tf.layers.reshape({ targetShape: [4, 3] }),
        tf.layers.layerNormalization({}),
        tf.layers.permute({ dims: [2, 1] }),
        tf.layers.reshape({ targetShape: [3, 2, 2] }),
        tf.layers.conv2d({ filters: 2, kernelSize: 1 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    randomize(tf, m, 'LayerNormalization');
    const path = await saveKeras(m, 'layernorm-seq');
    const x = tf.randomNormal([2, 12]);
    const want = (m.predict(x) as Tensor).dataSync();
    const got = await importedOutputs(tf, path, x);
    expect(got.types).toEqual([
      'Input',
      'Linear',
      'Unflatten',
      'LayerNorm',
      'Permute',
      'Unflatten',
      'Permute',
      'Conv2d',
      'Flatten',
      'Linear',
    ]);
    expect(maxDiff(got.out, want)).toBeLessThan(1e-4);
  });
});
