/**
 * Keras layer classes and activations that the other Keras tests do not build, each in a model made
 * by tfjs-layers (saved as model.json + weights, weights moved away from their initial values),
 * imported with the model's outputs on the same (transposed) input: LeakyReLU, ELU, UpSampling2D
 * (nearest), PReLU (one slope per channel, one in all), Softmax over the channels and over the last
 * axis of a value in PyTorch's order, the activations elu, sigmoid, gelu and softmax,
 * GlobalMaxPooling1D and DepthwiseConv2D; Conv2D with groups against a grouped convolution of tfjs
 * ops. What tfjs cannot write is read from hand-written Keras 3 topologies: Softmax over H (tfjs
 * softmaxes the last axis only), LeakyReLU's negative_slope, ELU's alpha (tfjs has only 1),
 * Identity, SpatialDropout2D, the silu, hard_silu and log_softmax activations, global pooling with
 * keepdims, and the errors.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LayersModel, SymbolicTensor, Tensor, Tf } from '../../../app/compiler/tfjs/tf';
import { importKeras } from '../../../app/importers/keras';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { fsSaveHandler } from '../runs/io-handler';
import { importModelFile } from './import';
import { importedOutputs } from './testing/import-roundtrip';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every weight of the model moved away from its initial value (seeded). */
function randomize(tf: Tf, m: LayersModel) {
  let seed = 11;
  for (const l of m.layers)
    l.setWeights(l.getWeights().map((w) => tf.randomNormal(w.shape, 0.3, 0.6, 'float32', seed++)));
}

/** The imported graph's node types and its outputs' largest difference from the Keras model's (relative). */
async function compare(tf: Tf, m: LayersModel, name: string, x: Tensor, perm?: number[]) {
  randomize(tf, m);
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  await m.save(fsSaveHandler(d));
  const r = await importModelFile(join(d, 'model.json'));
  if (!r.ok) throw new Error(r.error);
  expect(analyzeGraph(r.value.graph).errors).toEqual([]);
  const want = (m.predict(x) as Tensor).dataSync();
  const xt = perm ? tf.transpose(x, perm) : x;
  const [got] = await importedOutputs(r.value.graph, r.value.weights, [
    { shape: xt.shape, values: xt.dataSync() as Float32Array },
  ]);
  expect(got.length).toBe(want.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return { types: r.value.graph.nodes.map((n) => n.type), graph: r.value.graph, rel: diff / scale };
}

describe('Keras layers built by tfjs-layers import with their outputs', () => {
  it('LeakyReLU, ELU, PReLU, UpSampling2D, Softmax over the channels, activations elu/sigmoid/gelu', async () => {
    const tf = await cpuTf();
    const inp = tf.input({ shape: [5, 4, 3] });
    const conv = (y: SymbolicTensor, activation?: 'elu' | 'sigmoid' | 'gelu') =>
      tf.layers.conv2d({ filters: 4, kernelSize: 1, activation }).apply(y) as SymbolicTensor;
    let y = tf.layers.leakyReLU({ alpha: 0.2 }).apply(conv(inp)) as SymbolicTensor;
    y = tf.layers.elu({}).apply(y) as SymbolicTensor;
    y = tf.layers.prelu({ sharedAxes: [1, 2] }).apply(y) as SymbolicTensor;
    y = tf.layers.upSampling2d({ size: [2, 3] }).apply(conv(y, 'elu')) as SymbolicTensor;
    y = tf.layers.prelu({ sharedAxes: [1, 2, 3] }).apply(y) as SymbolicTensor;
    // (Not bilinear: tfjs-layers resizes with TF1's asymmetric coordinates, Keras on TF 2 with half-pixel
    // centres, as PyTorch's align_corners=False, which is what the import reads.)
    y = tf.layers.upSampling2d({ size: [2, 2] }).apply(conv(y, 'sigmoid')) as SymbolicTensor;
    y = tf.layers.softmax({ axis: -1 }).apply(conv(y, 'gelu')) as SymbolicTensor;
    // Compared after Flatten + Dense (its rows reordered to PyTorch's flatten order), as Keras's [H, W, C] is not [C, H, W].
    y = tf.layers.dense({ units: 5 }).apply(tf.layers.flatten().apply(y) as SymbolicTensor) as SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: y });
    const r = await compare(tf, m, 'image', tf.randomNormal([2, 5, 4, 3], 0, 2, 'float32', 3), [0, 3, 1, 2]);
    expect(r.types).toEqual([
      'Input',
      'Conv2d',
      'LeakyReLU',
      'ELU',
      'PReLU',
      'Conv2d',
      'ELU',
      'Upsample',
      'PReLU',
      'Conv2d',
      'Sigmoid',
      'Upsample',
      'Conv2d',
      'GELU',
      'Softmax',
      'Flatten',
      'Linear',
    ]);
    const params = (t: string) => r.graph.nodes.filter((n) => n.type === t).map((n) => n.params);
    expect(params('Softmax')).toEqual([{ dim: 1 }]);
    expect(params('PReLU')).toEqual([{ num_parameters: 4 }, { num_parameters: 1 }]);
    expect(r.rel).toBeLessThan(1e-4);
  });

  it("a sequence: Softmax and the softmax activation over the last axis of a value in PyTorch's order, GlobalMaxPooling1D", async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [6], units: 12 }),
        tf.layers.reshape({ targetShape: [4, 3] }),
        tf.layers.softmax({ axis: -1 }),
        tf.layers.activation({ activation: 'softmax' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 5 }),
      ],
    });
    const r = await compare(tf, m, 'seq', tf.randomNormal([2, 6], 0, 2, 'float32', 4));
    expect(r.graph.nodes.filter((n) => n.type === 'Softmax').map((n) => n.params)).toEqual([{ dim: 2 }, { dim: 2 }]);
    expect(r.rel).toBeLessThan(1e-4);

    const p = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [9, 3], filters: 4, kernelSize: 2 }),
        tf.layers.globalMaxPooling1d({}),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const q = await compare(tf, p, 'gmp1d', tf.randomNormal([2, 9, 3], 0, 1, 'float32', 5), [0, 2, 1]);
    expect(q.types).toEqual(['Input', 'Conv1d', 'AdaptiveMaxPool1d', 'Flatten', 'Linear', 'Softmax']);
    expect(q.rel).toBeLessThan(1e-4);
  });
});

describe('Keras depthwise and grouped convolutions', () => {
  it('DepthwiseConv2D (depth_multiplier, strided same padding, valid) as Conv2d with groups = C', async () => {
    const tf = await cpuTf();
    const m = tf.sequential({
      layers: [
        tf.layers.depthwiseConv2d({
          inputShape: [7, 9, 3],
          kernelSize: 3,
          depthMultiplier: 2,
          strides: 2,
          padding: 'same',
        }),
        tf.layers.depthwiseConv2d({ kernelSize: [3, 2], padding: 'valid', activation: 'relu', useBias: false }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4 }),
      ],
    });
    const r = await compare(tf, m, 'depthwise', tf.randomNormal([2, 7, 9, 3], 0, 1, 'float32', 6), [0, 3, 1, 2]);
    expect(r.types).toEqual(['Input', 'Conv2d', 'Conv2d', 'ReLU', 'Flatten', 'Linear']);
    expect(r.graph.nodes.filter((n) => n.type === 'Conv2d').map((n) => n.params)).toEqual([
      { out_channels: 6, kernel_size: 3, stride: 2, padding: 1, dilation: 1, groups: 3, bias: true },
      { out_channels: 6, kernel_size: [3, 2], stride: 1, padding: 0, dilation: 1, groups: 6, bias: false },
    ]);
    expect(r.rel).toBeLessThan(1e-4);
  });

  it('Conv2D with groups: the kernel [kh, kw, in / groups, out] read per group', async () => {
    const tf = await cpuTf();
    const kernel = tf.randomNormal([3, 3, 2, 6], 0, 1, 'float32', 8);
    const bias = tf.randomNormal([6], 0, 1, 'float32', 9);
    const json = {
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 5, 6, 4] } },
            {
              class_name: 'Conv2D',
              config: { name: 'conv', filters: 6, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', groups: 2 },
            },
          ],
        },
      },
    };
    const weights = new Map([
      ['conv/kernel', { shape: [3, 3, 2, 6], values: kernel.dataSync() as Float32Array }],
      ['conv/bias', { shape: [6], values: bias.dataSync() as Float32Array }],
    ]);
    const r = importKeras(json, weights);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.graph.nodes[1].params).toEqual({
      out_channels: 6,
      kernel_size: 3,
      stride: 1,
      padding: 0,
      dilation: 1,
      groups: 2,
      bias: true,
    });
    // The reference: each group's 2 input channels convolved with its 3 output channels' kernels (tfjs ops).
    const x = tf.randomNormal([2, 5, 6, 4], 0, 1, 'float32', 10);
    const parts = [0, 1].map((g) =>
      tf.conv2d(
        tf.slice(x, [0, 0, 0, 2 * g], [-1, -1, -1, 2]) as never,
        tf.slice(kernel, [0, 0, 0, 3 * g], [-1, -1, -1, 3]) as never,
        1,
        'valid',
      ),
    );
    const want = tf.transpose(tf.add(tf.concat(parts, 3), bias), [0, 3, 1, 2]).dataSync();
    const xt = tf.transpose(x, [0, 3, 1, 2]);
    const [got] = await importedOutputs(r.value.graph, r.value.weights, [
      { shape: xt.shape, values: xt.dataSync() as Float32Array },
    ]);
    expect(got.length).toBe(want.length);
    let diff = 0;
    for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]));
    expect(diff).toBeLessThan(1e-4);
  });
});

/** A Sequential of hand-written Keras 3 layers on an input of [H, W, C] = [4, 4, 6]. */
function keras3(layers: { class_name: string; config: Record<string, unknown> }[], shape: number[] = [4, 4, 6]) {
  return importKeras(
    {
      class_name: 'Sequential',
      config: {
        layers: [{ class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, ...shape] } }, ...layers],
      },
    },
    new Map(),
    'k3.json',
  );
}
const nodes = (r: ReturnType<typeof keras3>) =>
  r.ok ? r.value.graph.nodes.slice(1).map((n) => [n.type, n.params]) : r.error;

describe('Keras 3 configs', () => {
  it("LeakyReLU's negative_slope, ELU's alpha (tfjs has only 1), Identity, SpatialDropout2D and the silu, hard_silu, log_softmax activations", () => {
    expect(
      nodes(
        keras3([
          { class_name: 'LeakyReLU', config: { name: 'lr', negative_slope: 0.1 } },
          { class_name: 'LeakyReLU', config: { name: 'lr2' } },
          { class_name: 'ELU', config: { name: 'elu', alpha: 0.7 } },
          { class_name: 'Identity', config: { name: 'id' } },
          { class_name: 'SpatialDropout2D', config: { name: 'sd', rate: 0.2 } },
          { class_name: 'Activation', config: { name: 'a1', activation: 'silu' } },
          { class_name: 'Activation', config: { name: 'a2', activation: 'hard_silu' } },
          { class_name: 'Activation', config: { name: 'a3', activation: 'log_softmax' } },
          { class_name: 'Softmax', config: { name: 's', axis: 1 } },
        ]),
      ),
    ).toEqual([
      ['LeakyReLU', { negative_slope: 0.1 }],
      ['LeakyReLU', { negative_slope: 0.3 }],
      ['ELU', { alpha: 0.7 }],
      ['Identity', {}],
      ['Dropout2d', { p: 0.2 }],
      ['SiLU', {}],
      ['Hardswish', {}],
      ['LogSoftmax', { dim: 1 }],
      ['Softmax', { dim: 2 }],
    ]);
  });

  it('global pooling with keepdims keeps the pooled map ([C, 1, 1], [C, 1]), which a Conv2D or Conv1D then reads', () => {
    const shapes = (r: ReturnType<typeof keras3>) => (r.ok ? analyzeGraph(r.value.graph) : r.error);
    for (const cls of ['GlobalAveragePooling2D', 'GlobalMaxPooling2D']) {
      const r = keras3([
        { class_name: cls, config: { name: 'g', keepdims: true } },
        { class_name: 'Conv2D', config: { name: 'c', filters: 3, kernel_size: 1 } },
      ]);
      expect(nodes(r)).toEqual([
        [cls.includes('Max') ? 'AdaptiveMaxPool2d' : 'AdaptiveAvgPool2d', { output_size: 1 }],
        ['Conv2d', { out_channels: 3, kernel_size: 1, stride: 1, padding: 0, dilation: 1, bias: true }],
      ]);
      const a = shapes(r);
      expect(typeof a === 'string' ? a : a.errors).toEqual([]);
    }
    for (const cls of ['GlobalAveragePooling1D', 'GlobalMaxPooling1D']) {
      const r = keras3(
        [
          { class_name: cls, config: { name: 'g', keepdims: true } },
          { class_name: 'Conv1D', config: { name: 'c', filters: 3, kernel_size: 1 } },
        ],
        [7, 6],
      );
      expect(nodes(r)).toEqual([
        [cls.includes('Max') ? 'AdaptiveMaxPool1d' : 'AdaptiveAvgPool1d', { output_size: 1 }],
        ['Conv1d', { out_channels: 3, kernel_size: 1, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true }],
      ]);
    }
  });

  it('what has no PyTorch layer is an error naming the layer and the fix', () => {
    expect(nodes(keras3([{ class_name: 'PReLU', config: { name: 'p' } }]))).toBe(
      "k3.json: layer 'p' (PReLU): alpha has a slope per position along axes [1, 2, 3] of the input [N, 4, 4, 6], and PyTorch's PReLU has one per channel or one in all; save the model with shared_axes=[1, 2] (one slope per channel)",
    );
    expect(nodes(keras3([{ class_name: 'SpatialDropout2D', config: { name: 'sd', rate: 0.2 } }], [12]))).toBe(
      "k3.json: layer 'sd' (SpatialDropout2D): SpatialDropout2D needs an image [H, W, C]; this input is not one: use Dropout for other shapes",
    );
    expect(nodes(keras3([{ class_name: 'LayerNormalization', config: { name: 'ln', rms_scaling: true } }]))).toBe(
      "k3.json: layer 'ln' (LayerNormalization): rms_scaling=True is RMS normalization (no mean subtracted), which nn.LayerNorm is not and PyTorch 1.13 has no layer for; save the model with rms_scaling=False",
    );
    expect(nodes(keras3([{ class_name: 'Activation', config: { name: 'h', activation: 'hard_sigmoid' } }]))).toBe(
      "k3.json: layer 'h' (Activation): activation 'hard_sigmoid' is not imported (Keras 2's and tfjs's is 0.2x + 0.5, Keras 3's x/6 + 0.5, PyTorch's Hardsigmoid; the file does not say which); Netloom imports the activations linear, relu, sigmoid, tanh, elu, softmax, log_softmax, gelu, gelu_new, relu6, swish, silu, hard_silu, hard_swish, mish, softplus",
    );
    expect(nodes(keras3([{ class_name: 'Softmax', config: { name: 's', axis: [1, 2] } }]))).toBe(
      "k3.json: layer 's' (Softmax): a Softmax over several axes ([1,2]) has no PyTorch layer; use one axis",
    );
    expect(nodes(keras3([{ class_name: 'Softmax', config: { name: 's', axis: 0 } }]))).toMatch(
      /layer 's' \(Softmax\): axis 0 is not an axis of a sample of this input; use one from 1 to 3, or -1$/,
    );
  });
});
