/**
 * torch.onnx.export's forms of ConvTranspose2d (output_padding, groups, dilation), Conv1d (a Conv
 * with a 3-D weight), MaxPool1d (ceil_mode, dilation), AvgPool1d, AdaptiveAvgPool1d and
 * AdaptiveMaxPool1d (GlobalAveragePool/GlobalMaxPool over [N, C, L]; a kernel = stride pool where
 * the size divides) and AdaptiveMaxPool2d (a whole-map MaxPool for output size 1; a kernel = stride
 * MaxPool where the sizes divide) import with PyTorch's kinds and parameters and give PyTorch's
 * outputs in the app (tfjs cpu) within 1e-4.
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
import { getLayer } from '../../../app/layers/registry';
import { importModelFile } from './import';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-torch-conv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-torch-conv.py', import.meta.url)), dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    throw new Error(`torch.onnx.export failed (install Debian's python3-torch and python3-onnx): ${String(e)}`);
  }
}, 300_000);

/** [file, the imported kinds after Input, parameters of the last one]. */
const CASES: [string, string[], Record<string, unknown>][] = [
  ['convt', ['ConvTranspose2d'], { out_channels: 4, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 }],
  [
    'convt_groups_dil',
    ['ConvTranspose2d'],
    {
      out_channels: 6,
      kernel_size: [3, 2],
      stride: [1, 3],
      padding: [2, 1],
      output_padding: [1, 2],
      groups: 2,
      dilation: [2, 3],
      bias: false,
    },
  ],
  ['conv1d', ['Conv1d'], { out_channels: 6, kernel_size: 3, stride: 2, padding: 1, groups: 2 }],
  ['conv1d_dil', ['Conv1d'], { out_channels: 3, kernel_size: 4, padding: 3, dilation: 2, bias: false }],
  ['maxpool1d', ['Conv1d', 'MaxPool1d'], { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }],
  ['maxpool1d_dil', ['Conv1d', 'MaxPool1d'], { kernel_size: 3, stride: 1, padding: 1, dilation: 2 }],
  ['avgpool1d', ['Conv1d', 'AvgPool1d'], { kernel_size: 3, stride: 2, padding: 1, count_include_pad: false }],
  ['adaptiveavg1d_global', ['Conv1d', 'AdaptiveAvgPool1d'], { output_size: 1 }],
  ['adaptivemax2d_global', ['Conv2d', 'AdaptiveMaxPool2d'], { output_size: 1 }],
  // Sizes that divide: torch writes a MaxPool with kernel = stride and no ceil_mode (nn.MaxPool2d always has
  // one), read back as the adaptive pool it was, which keeps its output size at another input size.
  ['adaptivemax2d_even', ['Conv2d', 'AdaptiveMaxPool2d'], { output_size: [3, 2] }],
  // The same over [N, C, L]: GlobalMaxPool, and MaxPool/AveragePool with kernel = stride where the size divides.
  ['adaptivemax1d_global', ['Conv1d', 'AdaptiveMaxPool1d'], { output_size: 1 }],
  ['adaptivemax1d_even', ['Conv1d', 'AdaptiveMaxPool1d'], { output_size: 4 }],
  ['adaptiveavg1d_even', ['Conv1d', 'AdaptiveAvgPool1d'], { output_size: 3 }],
];

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

describe('torch.onnx.export files of the convolution and pooling kinds import with PyTorch outputs', () => {
  it.each(CASES)('%s', async (name, types, params) => {
    const r = await importModelFile(join(dir, `${name}.onnx`));
    if (!r.ok) throw new Error(r.error);
    const g = r.value.graph;
    expect(g.nodes.map((n) => n.type)).toEqual(['Input', ...types]);
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
});
