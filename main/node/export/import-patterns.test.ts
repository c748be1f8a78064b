/**
 * ONNX round trips of the layer kinds the exporter writes as several operators (GELU,
 * LocalResponseNorm, AvgPool2d with ceil_mode / count_include_pad / divisor_override, Upsample by
 * size or scale): export -> import gives the same layer kinds and parameters, shapes, parameter
 * counts, and the same outputs in the app (tfjs cpu) within 1e-4. Near misses (a different
 * constant, an escaping intermediate value) stay unsupported operators named with their node.
 */
import { describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import type { OnnxModel } from '../../../app/compiler/onnx/types';
import type { Graph } from '../../../app/graph/types';
import { importOnnx } from '../../../app/importers/onnx';
import type { OnnxModelIn } from '../../../app/importers/onnx-types';
import { getLayer } from '../../../app/layers/registry';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { GraphBuilder } from '../../../app/templates/builder';
import { decodeOnnx, encodeOnnx } from './onnx';
import { maxOutputDiff } from './testing/import-roundtrip';
import { exportModel } from './weights';

type P = Record<string, unknown>;
/** [id, per-sample input shape, layer type, params, params expected back when they differ but mean the same]. */
type Case = [string, number[], string, P, P?];

const CASES: Case[] = [
  ['GELU', [3, 9, 11], 'GELU', {}],
  ['GELU tanh', [3, 9, 11], 'GELU', { approximate: 'tanh' }],
  ['GELU on features', [7], 'GELU', {}],
  ['LRN 5', [7, 4, 4], 'LocalResponseNorm', { size: 5 }],
  ['LRN 4 alpha beta k', [7, 4, 4], 'LocalResponseNorm', { size: 4, alpha: 0.01, beta: 0.5, k: 2 }],
  ['LRN 1', [3, 4, 4], 'LocalResponseNorm', { size: 1, alpha: 0.3 }],
  ['LRN 3 on [C, L]', [6, 10], 'LocalResponseNorm', { size: 3, alpha: 0.002, beta: 0.6 }],
  ['AvgPool2d ceil', [3, 10, 12], 'AvgPool2d', { kernel_size: 3, stride: 2, ceil_mode: true }],
  ['AvgPool2d ceil pad', [3, 10, 12], 'AvgPool2d', { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }],
  [
    'AvgPool2d ceil pad no count_include_pad',
    [3, 10, 12],
    'AvgPool2d',
    { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false },
  ],
  [
    'AvgPool2d pad no count_include_pad',
    [3, 9, 11],
    'AvgPool2d',
    { kernel_size: 3, stride: 2, padding: 1, count_include_pad: false },
  ],
  ['AvgPool2d divisor_override', [3, 9, 11], 'AvgPool2d', { kernel_size: 3, stride: 2, divisor_override: 4 }],
  [
    'AvgPool2d divisor_override ceil pad',
    [3, 10, 12],
    'AvgPool2d',
    { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, divisor_override: 5 },
  ],
  [
    'AvgPool2d non-square ceil',
    [2, 8, 7],
    'AvgPool2d',
    { kernel_size: [3, 2], stride: [2, 1], padding: [1, 0], ceil_mode: true, count_include_pad: false },
  ],
  // Where a flag changes nothing for this input it comes back as its default: ceil_mode when the
  // output size is the same either way, count_include_pad without padding.
  // A stride equal to the kernel size comes back as PyTorch's default (None).
  [
    'AvgPool2d ceil_mode without effect on 9 x 11',
    [3, 9, 11],
    'AvgPool2d',
    { kernel_size: 2, stride: 2, padding: 1, ceil_mode: true },
    { kernel_size: 2, padding: 1 },
  ],
  ['AvgPool2d default stride', [3, 9, 11], 'AvgPool2d', { kernel_size: 2 }],
  // Netloom's export declares the arguments as typed (netloom.layers): they come back as typed where
  // they export to the same operators.
  [
    'AvgPool2d ceil, count_include_pad=False without padding',
    [3, 10, 12],
    'AvgPool2d',
    { kernel_size: 3, stride: 2, ceil_mode: true, count_include_pad: false },
  ],
  ['AdaptiveAvgPool2d 5 (sizes that do not divide)', [3, 9, 11], 'AdaptiveAvgPool2d', { output_size: 5 }],
  ['AdaptiveAvgPool2d [3, 4]', [3, 9, 11], 'AdaptiveAvgPool2d', { output_size: [3, 4] }],
  ['AdaptiveAvgPool2d [2, None]', [3, 9, 11], 'AdaptiveAvgPool2d', { output_size: [2, null] }],
  ['AdaptiveAvgPool2d [1, 4]', [3, 9, 11], 'AdaptiveAvgPool2d', { output_size: [1, 4] }],
  ['Flatten', [3, 9, 11], 'Flatten', {}],
  ['Flatten start_dim=2 (a Reshape)', [3, 9, 11], 'Flatten', { start_dim: 2 }],
  ['Flatten 1..2 (a Reshape)', [3, 9, 11], 'Flatten', { start_dim: 1, end_dim: 2 }],
  ['Upsample size nearest', [2, 4, 5], 'Upsample', { size: [7, 9] }],
  ['Upsample size int nearest', [2, 4, 5], 'Upsample', { size: 8 }],
  ['Upsample size bilinear', [2, 4, 5], 'Upsample', { size: [6, 11], mode: 'bilinear' }],
  [
    'Upsample size bilinear align_corners=False',
    [2, 4, 5],
    'Upsample',
    { size: [6, 11], mode: 'bilinear', align_corners: false },
  ],
  [
    'Upsample size bilinear align_corners=True',
    [2, 4, 5],
    'Upsample',
    { size: [6, 11], mode: 'bilinear', align_corners: true },
  ],
  ['Upsample scale nearest', [2, 4, 5], 'Upsample', { scale_factor: 2 }],
  ['Upsample scale 1.5 nearest', [2, 4, 5], 'Upsample', { scale_factor: 1.5 }],
  ['Upsample scale bilinear', [2, 4, 5], 'Upsample', { scale_factor: [2, 3], mode: 'bilinear' }],
  [
    'Upsample scale bilinear align_corners=True',
    [2, 4, 5],
    'Upsample',
    { scale_factor: 2, mode: 'bilinear', align_corners: true },
  ],
];

/** Conv2d/Linear -> the layer -> + its input (the layer's input is also read outside the pattern). */
function caseGraph(shape: number[], type: string, params: P): Graph {
  const b = new GraphBuilder('Net');
  const x = b.input(shape);
  const pre =
    shape.length === 3
      ? b.layer('Conv2d', { out_channels: shape[0], kernel_size: 1 }, x)
      : shape.length === 1
        ? b.layer('Linear', { out_features: shape[0] }, x)
        : x;
  const y = b.layer(type, params, pre);
  if (!['Upsample', 'AvgPool2d', 'AdaptiveAvgPool2d', 'Flatten'].includes(type)) b.layer('Add', {}, [y, pre]);
  return b.build();
}

const SEED = 3;
const parse = (type: string, p: P) => getLayer(type)?.schema.parse(p);

async function exported(graph: Graph): Promise<OnnxModel> {
  const m = await exportModel(graph, { seed: SEED });
  if (!m.ok) throw new Error(m.error);
  m.value.compiled.model.dispose();
  const onnx = graphToOnnx(graph, new Map(m.value.state.map((e) => [e.name, e])));
  if (!onnx.ok) throw new Error(onnx.error);
  return onnx.value;
}

const decoded = (m: OnnxModel): OnnxModelIn => {
  const d = decodeOnnx(encodeOnnx(m));
  if (!d.ok) throw new Error(d.error);
  return d.value;
};

describe('ONNX round trip of multi-operator layer kinds', () => {
  it.each(CASES)('%s', async (_id, shape, type, params, back) => {
    const graph = caseGraph(shape, type, params);
    const imported = importOnnx(decoded(await exported(graph)));
    if (!imported.ok) throw new Error(imported.error);
    const g2 = imported.value.graph;
    const kinds = (g: Graph) => g.nodes.map((n) => n.type);
    expect(kinds(g2)).toEqual(kinds(graph));
    const layer = g2.nodes.find((n) => n.type === type);
    expect(parse(type, layer?.params ?? {})).toEqual(parse(type, back ?? params));
    const a1 = analyzeGraph(graph);
    const a2 = analyzeGraph(g2);
    expect(a2.errors).toEqual([]);
    expect(a2.totalParams).toBe(a1.totalParams);
    expect(g2.nodes.map((n) => a2.nodes.get(n.id)?.shape)).toEqual(graph.nodes.map((n) => a1.nodes.get(n.id)?.shape));
    expect(await maxOutputDiff(graph, SEED, g2, imported.value.weights)).toBeLessThan(1e-4);
  });
});

describe('near misses stay unsupported', () => {
  const named = /unsupported operator \w+ at node \S+ \(closest Netloom kinds: [^)]+\): Netloom imports Conv/;

  it.each([
    ['GELU with 1.5 for sqrt 2', 'GELU', {}, 'sqrt2', 1.5],
    ['GELU tanh with another cubic coefficient', 'GELU', { approximate: 'tanh' }, 'c', 0.05],
    ['LRN with a band that is no window', 'LocalResponseNorm', { size: 3 }, 'lrn_band', 'shift'],
    [
      'AvgPool2d with a divisor map PyTorch never uses',
      'AvgPool2d',
      { kernel_size: 3, stride: 2, ceil_mode: true },
      'avgpool_factor',
      'first',
    ],
    ['AdaptiveAvgPool2d with a window that is not adaptive', 'AdaptiveAvgPool2d', { output_size: 3 }, 'end', 'int+1'],
  ] as const)('%s', async (_id, type, params, constant, change) => {
    const m = await exported(caseGraph([4, 8, 8], type, params));
    const t = m.graph.initializers.find((i) => i.name === constant || i.name.endsWith(`/${constant}`));
    if (t?.ints && change === 'int+1') t.ints[0] += 1;
    else if (!t?.floats) throw new Error(`no constant ${constant}`);
    else if (change === 'shift')
      t.floats = Float32Array.from(t.floats, (_, i) => t.floats?.[(i + 1) % t.floats.length] ?? 0);
    else if (change === 'first') t.floats[0] += 0.25;
    else if (typeof change === 'number') t.floats[0] = change;
    const r = importOnnx(decoded(m));
    expect(r.ok ? '' : r.error).toMatch(named);
  });

  it('an intermediate value read outside the pattern keeps it unsupported', async () => {
    const m = await exported(caseGraph([7], 'GELU', {}));
    const erf = m.graph.nodes.find((n) => n.opType === 'Erf');
    m.graph.outputs.push({ name: erf?.outputs[0] ?? '', shape: [7] });
    const r = importOnnx(decoded(m));
    expect(r.ok ? '' : r.error).toMatch(named);
  });
});
