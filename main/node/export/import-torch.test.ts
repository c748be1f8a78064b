/**
 * torch.onnx.export's forms of GELU (erf and tanh), ReLU6 (Clip), SiLU, Hardswish, Hardsigmoid, Mish,
 * Softplus (with beta: Mul/Softplus/Div), PReLU (slope [C, 1, 1]), x.mean(dims, keepdim) (ReduceMean),
 * LayerNorm (ReduceMean/Sub/Pow/.../Div, Mul, Add), GroupNorm (Reshape/InstanceNormalization/Reshape/Mul/Add),
 * InstanceNorm2d, PixelShuffle (DepthToSpace), torchvision's channel shuffle (Reshape/Transpose/Reshape with
 * Shape/Gather/Div arithmetic or constant shapes), x.permute (Transpose), x.view splitting a dim (Reshape) and
 * squeeze-excitation's x * gate (Mul), LeakyReLU, ELU, Tanh, Softmax, LogSoftmax, BatchNorm1d after a Flatten
 * (running statistics away from their defaults), LocalResponseNorm (Unsqueeze/Reshape/Pad/
 * AveragePool/If/Reshape, dynamic or fixed batch), Upsample (to a size: Shape/Slice/Concat into
 * Resize; by a scale) and AvgPool2d (ceil_mode, padding: Pad + AveragePool) import as one layer each
 * with PyTorch's parameters and give PyTorch's outputs in the app (tfjs cpu) within 1e-4.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { importOnnx } from '../../../app/importers/onnx';
import { getLayer } from '../../../app/layers/registry';
import { importModelFile } from './import';
import { decodeOnnx } from './onnx';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-torch.py', import.meta.url)), dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    throw new Error(`torch.onnx.export failed (install Debian's python3-torch and python3-onnx): ${String(e)}`);
  }
}, 300_000);

/** [file, layer kind(s) after the Conv2d, parameters of the last one]. */
const CASES: [string, string | string[], Record<string, unknown>][] = [
  ['gelu', 'GELU', {}],
  ['gelu_tanh', 'GELU', { approximate: 'tanh' }],
  ['lrn', 'LocalResponseNorm', { size: 3 }],
  ['lrn_even_static', 'LocalResponseNorm', { size: 4, alpha: 2e-4, beta: 0.5, k: 2 }],
  ['up_size_nearest', 'Upsample', { size: [7, 9] }],
  ['up_size_bilinear', 'Upsample', { size: [6, 11], mode: 'bilinear' }],
  ['up_size_align', 'Upsample', { size: 7, mode: 'bilinear', align_corners: true }],
  ['up_scale_nearest', 'Upsample', { scale_factor: 2 }],
  ['up_scale_bilinear', 'Upsample', { scale_factor: 2, mode: 'bilinear' }],
  ['avg_ceil', 'AvgPool2d', { kernel_size: 3, stride: 2, ceil_mode: true }],
  ['avg_pad', 'AvgPool2d', { kernel_size: 3, stride: 2, padding: 1 }],
  ['avg_pad_ceil', 'AvgPool2d', { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }],
  [
    'avg_pad_ceil_nocount',
    'AvgPool2d',
    { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false },
  ],
  ['relu6', 'ReLU6', {}],
  ['silu', 'SiLU', {}],
  ['hardswish', 'Hardswish', {}],
  ['hardsigmoid', 'Hardsigmoid', {}],
  ['mish', 'Mish', {}],
  ['softplus', 'Softplus', {}],
  ['softplus_beta', 'Softplus', { beta: 2 }],
  ['prelu', 'PReLU', {}],
  ['prelu_channels', 'PReLU', { num_parameters: 3 }],
  ['mean_hw', 'Mean', { dim: [2, 3] }],
  ['mean_c_keep', 'Mean', { dim: 1, keepdim: true }],
  ['se_mul', ['Mean', 'Conv2d', 'Sigmoid', 'Mul'], {}],
  ['layernorm', 'LayerNorm', { normalized_shape: [9, 11] }],
  ['layernorm_chw', 'LayerNorm', { normalized_shape: [3, 9, 11], eps: 1e-3 }],
  ['layernorm_noaffine', 'LayerNorm', { normalized_shape: 11, elementwise_affine: false }],
  ['groupnorm', 'GroupNorm', { num_groups: 3 }],
  ['groupnorm_noaffine', 'GroupNorm', { num_groups: 2, affine: false }],
  ['instancenorm', 'InstanceNorm2d', {}],
  ['instancenorm_affine', 'InstanceNorm2d', { affine: true }],
  ['pixelshuffle', 'PixelShuffle', { upscale_factor: 2 }],
  // torchvision's channel_shuffle: shape arithmetic on the live input (dynamic batch), or constants.
  ['shuffle', 'ChannelShuffle', { groups: 2 }],
  ['shuffle_static', 'ChannelShuffle', { groups: 3 }],
  ['permute', 'Permute', { dims: [0, 2, 3, 1] }],
  ['unflatten_static', 'Unflatten', { dim: 1, unflattened_size: [2, 3] }],
  // torchvision's shufflenet_v2 downsampling block (no chunk): two branches, torch.cat, channel_shuffle.
  [
    'shufflenet_block',
    ['Conv2d', 'Conv2d', 'ReLU', 'Conv2d', 'ReLU', 'Conv2d', 'Conv2d', 'ReLU', 'Concat', 'ChannelShuffle'],
    { groups: 2 },
  ],
  // An uneven Pad before an AveragePool is no AvgPool2d padding: it stays a ZeroPad2d of its own.
  ['zeropad_avg', ['ZeroPad2d', 'AvgPool2d'], { kernel_size: 2 }],
  // torch's adaptive pool that divides the input (alexnet's (6, 6) on 6x6 has kernel 1) is no AvgPool2d.
  ['adaptive_same', 'AdaptiveAvgPool2d', { output_size: [6, 6] }],
  ['adaptive_half', 'AdaptiveAvgPool2d', { output_size: [3, 2] }],
  ['avg_1', 'AvgPool2d', { kernel_size: 1 }],
  // ceil_mode makes no difference at 8x8 but would at 9x9: kept.
  ['max_ceil_even', 'MaxPool2d', { kernel_size: 2, ceil_mode: true }],
  // Shape arithmetic on the live input (Shape, Gather, Mul, Div, Unsqueeze, Concat) evaluated on its known shape.
  ['view_size', 'Flatten', {}],
  ['view_product', 'Flatten', {}],
  ['view_div', 'Flatten', { start_dim: 1, end_dim: 2 }],
  ['leakyrelu', 'LeakyReLU', { negative_slope: 0.2 }],
  ['elu', 'ELU', { alpha: 0.7 }],
  ['tanh', 'Tanh', {}],
  ['softmax', 'Softmax', { dim: 1 }],
  ['logsoftmax', 'LogSoftmax', { dim: 1 }],
  // BatchNorm1d after a Flatten stays a BatchNormalization on [N, F] (torch folds only a Conv's).
  ['batchnorm1d', ['Flatten', 'BatchNorm1d'], {}],
];

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

describe('torch.onnx.export files import with PyTorch outputs', () => {
  it.each(CASES)('%s', async (name, type, params) => {
    const r = await importModelFile(join(dir, `${name}.onnx`));
    if (!r.ok) throw new Error(r.error);
    const g = r.value.graph;
    const types = typeof type === 'string' ? [type] : type;
    expect(g.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2d', ...types]);
    const spec = getLayer(types[types.length - 1]);
    expect(spec?.schema.parse(g.nodes[g.nodes.length - 1].params)).toEqual(spec?.schema.parse(params));
    const tf = await cpuTf();
    const c = compileGraph(tf, g, { seed: 0 });
    if (!c.ok) throw new Error(c.error);
    try {
      expect(setStateDict(tf, c.value, r.value.weights, defaultNamer).ok).toBe(true);
      const x = tf.tensor(read(`${name}.x.bin`), [2, ...c.value.inputShapes[0]]);
      const y = c.value.model.predict(x) as Tensor;
      const got = y.dataSync();
      const want = read(`${name}.y.bin`);
      expect(got.length).toBe(want.length);
      let m = 0;
      for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
      expect(m).toBeLessThan(1e-4);
      tf.dispose([x, y]);
    } finally {
      c.value.model.dispose();
    }
  });

  it("torch's LocalResponseNorm with another window (AveragePool kernel [3, 1, 2]) stays unsupported", () => {
    const d = decodeOnnx(readFileSync(join(dir, 'lrn.onnx')));
    if (!d.ok) throw new Error(d.error);
    const pool = d.value.graph?.node?.find((n) => n.opType === 'AveragePool');
    const k = pool?.attribute?.find((a) => a.name === 'kernel_shape');
    if (!k?.ints) throw new Error('no AveragePool kernel_shape');
    k.ints = [3, 1, 2];
    const r = importOnnx(d.value, 'lrn.onnx');
    expect(r.ok ? '' : r.error).toMatch(
      /lrn\.onnx: unsupported operator \w+ at node \S+ \(closest Netloom kinds: [^)]+\): Netloom imports Conv/,
    );
  });
});
