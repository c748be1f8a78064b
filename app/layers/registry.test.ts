import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../graph/types';
import { HIDDEN_LAYERS, LAYERS, getLayer, parseParams } from './registry';

/** The kind folders (app/layers/<kind>/spec.ts): the registry must list each one. */
const here = dirname(fileURLToPath(import.meta.url));
const FOLDERS = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'spec.ts')))
  .map((d) => d.name);

function run(type: string, params: Record<string, unknown>, inputs: Shape[]) {
  const spec = getLayer(type);
  if (!spec) throw new Error(type);
  const p = parseParams(type, params);
  if (!p.ok) throw new Error(p.error);
  return { spec, p: p.value, out: spec.inferShape(inputs, p.value) };
}
const shapeOf = (type: string, params: Record<string, unknown>, inputs: Shape[]) => {
  const r = run(type, params, inputs).out;
  return r.ok ? r.value : r.error;
};

describe('registry', () => {
  it('lists every kind once, found by getLayer', () => {
    const types = LAYERS.map((s) => s.type);
    expect(new Set(types).size).toBe(types.length);
    // Every folder is a kind of the palette, or a hidden one (the import placeholder `Unsupported`).
    const all = [...types, ...HIDDEN_LAYERS.map((s) => s.type)];
    expect(all.map((t) => t.toLowerCase()).sort()).toEqual([...FOLDERS].sort());
    for (const t of types) expect(getLayer(t)?.type).toBe(t);
    expect(getLayer('Conv3d')).toBeUndefined();
  });

  it('non-modules are Input, Add, Concat, Mul, Mean, Split and Chunk', () => {
    expect(
      LAYERS.filter((s) => !s.isModule)
        .map((s) => s.type)
        .sort(),
    ).toEqual(['Add', 'Chunk', 'Concat', 'Input', 'Mean', 'Mul', 'Permute', 'Split']);
  });
});

describe('parseParams', () => {
  it('fills PyTorch defaults', () => {
    const p = parseParams('Conv2d', { out_channels: 6, kernel_size: 5 });
    expect(p).toEqual({
      ok: true,
      value: {
        in_channels: null,
        out_channels: 6,
        kernel_size: 5,
        stride: 1,
        padding: 0,
        dilation: 1,
        groups: 1,
        bias: true,
        padding_mode: 'zeros',
      },
    });
    expect(parseParams('MaxPool2d', { kernel_size: 2 })).toMatchObject({
      ok: true,
      value: { stride: null, padding: 0, ceil_mode: false },
    });
    expect(parseParams('BatchNorm2d', {})).toMatchObject({
      ok: true,
      value: { eps: 1e-5, momentum: 0.1, affine: true },
    });
    expect(parseParams('Softmax', {})).toMatchObject({ ok: true, value: { dim: null } });
    expect(parseParams('LeakyReLU', {})).toMatchObject({ ok: true, value: { negative_slope: 0.01 } });
  });

  it('names the layer, node and field in errors', () => {
    expect(parseParams('Conv2d', { out_channels: 6, kernel_size: -3 }, 'conv1')).toEqual({
      ok: false,
      error: 'Conv2d conv1: kernel_size must be a positive integer or a pair, got -3',
    });
    expect(parseParams('Conv2d', { kernel_size: 3 }, 'c')).toEqual({
      ok: false,
      error: 'Conv2d c: out_channels is required (a positive integer)',
    });
    const typo = parseParams('Conv2d', { out_channels: 1, kernel_size: 3, kernal_size: 3 });
    expect(!typo.ok && typo.error).toMatch(
      /unknown parameter "kernal_size"; Conv2d takes in_channels, out_channels, kernel_size/,
    );
    expect(parseParams('Dropout', { p: 1.5 })).toEqual({
      ok: false,
      error: 'Dropout: p must be a probability between 0 and 1, got 1.5',
    });
    expect(parseParams('Conv2d', { out_channels: 1, kernel_size: 3, padding: 'full' })).toMatchObject({
      ok: false,
      error: expect.stringContaining("'same' or 'valid', got \"full\""),
    });
    expect(parseParams('Input', { shape: [1, -28, 28] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('shape must be a list of positive integers'),
    });
    expect(parseParams('Input', { shape: [] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('shape must be a list of positive integers'),
    });
    expect(parseParams('Nope', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown layer type "Nope"'),
    });
    expect(parseParams('ReLU', 'x')).toMatchObject({ ok: false, error: 'ReLU: params must be an object, got "x"' });
  });

  it('rejects NaN, Infinity, fractions and huge numbers without throwing', () => {
    for (const v of [NaN, Infinity, -Infinity, 2.5, 1e20, 2 ** 31, '3', null, [3], [3, 3, 3], { a: 1 }]) {
      const r = parseParams('Conv2d', { out_channels: 4, kernel_size: v });
      expect(r.ok, String(v)).toBe(false);
    }
  });
});

describe("the seed's examples", () => {
  it('Conv2d and MaxPool2d on [1, 28, 28]', () => {
    expect(
      shapeOf('Conv2d', { in_channels: 1, out_channels: 3, kernel_size: 3, stride: 1, padding: 0 }, [[1, 28, 28]]),
    ).toEqual([3, 26, 26]);
    expect(shapeOf('Conv2d', { out_channels: 3, kernel_size: 3, stride: 1, padding: 1 }, [[1, 28, 28]])).toEqual([
      3, 28, 28,
    ]);
    expect(shapeOf('Conv2d', { out_channels: 3, kernel_size: 3, stride: 3, padding: 1 }, [[1, 28, 28]])).toEqual([
      3, 10, 10,
    ]);
    expect(shapeOf('MaxPool2d', { kernel_size: 2, stride: 2 }, [[1, 28, 28]])).toEqual([1, 14, 14]);
  });
  it('F.conv2d with 16 filters, AvgPool2d(2, stride=2), weight and bias shapes', () => {
    expect(shapeOf('Conv2d', { out_channels: 16, kernel_size: 3, stride: 1, padding: 0 }, [[1, 28, 28]])).toEqual([
      16, 26, 26,
    ]);
    expect(shapeOf('Conv2d', { out_channels: 16, kernel_size: 3, stride: 1, padding: 1 }, [[1, 28, 28]])).toEqual([
      16, 28, 28,
    ]);
    expect(shapeOf('Conv2d', { out_channels: 16, kernel_size: 3, stride: 2, padding: 1 }, [[1, 28, 28]])).toEqual([
      16, 14, 14,
    ]);
    expect(shapeOf('AvgPool2d', { kernel_size: 2, stride: 2 }, [[1, 28, 28]])).toEqual([1, 14, 14]);
    const c = run('Conv2d', { in_channels: 1, out_channels: 3, kernel_size: 3 }, [[1, 28, 28]]);
    expect(c.spec.parameters([[1, 28, 28]], c.p).map((t) => [t.name, t.shape])).toEqual([
      ['weight', [3, 1, 3, 3]],
      ['bias', [3]],
    ]);
    const bn = run('BatchNorm2d', { num_features: 16 }, [[16, 28, 28]]);
    expect(bn.out).toEqual({ ok: true, value: [16, 28, 28] });
    expect(bn.spec.parameters([[16, 28, 28]], bn.p).map((t) => [t.name, t.shape])).toEqual([
      ['weight', [16]],
      ['bias', [16]],
    ]);
    expect(bn.spec.buffers([[16, 28, 28]], bn.p).map((t) => [t.name, t.shape])).toEqual([
      ['running_mean', [16]],
      ['running_var', [16]],
      ['num_batches_tracked', []],
    ]);
  });
  it('interpolate by 2 and 3, BatchNorm1d(16) on [16, 784]', () => {
    expect(shapeOf('Upsample', { scale_factor: 2 }, [[1, 5, 5]])).toEqual([1, 10, 10]);
    expect(shapeOf('Upsample', { scale_factor: 3 }, [[1, 5, 5]])).toEqual([1, 15, 15]);
    expect(shapeOf('ZeroPad2d', { padding: [0, 1, 0, 1] }, [[3, 5, 5]])).toEqual([3, 6, 6]);
    expect(shapeOf('ZeroPad2d', { padding: 2 }, [[3, 5, 7]])).toEqual([3, 9, 11]);
    expect(shapeOf('ZeroPad2d', { padding: 1 }, [[16]])).toMatch(/gets \[16\]: connect it before the Flatten/);
    expect(shapeOf('BatchNorm1d', { num_features: 16 }, [[16, 784]])).toEqual([16, 784]);
  });
});

describe('errors with fixes', () => {
  it('Linear on [16, 5, 5] asks for Flatten', () => {
    const { spec, p, out } = run('Linear', { in_features: 400, out_features: 120 }, [[16, 5, 5]]);
    expect(out).toEqual({ ok: false, error: 'Linear expects 400 input features, gets [16, 5, 5]: insert Flatten' });
    expect(spec.fix?.([[16, 5, 5]], p)).toMatchObject({ kind: 'insertBefore', layerType: 'Flatten' });
    expect(run('Linear', { out_features: 120 }, [[16, 5, 5]]).out).toEqual({
      ok: false,
      error: 'Linear expects 400 input features, gets [16, 5, 5]: insert Flatten',
    });
  });

  it('an inferred count that disagrees is an error with a setParam fix', () => {
    for (const [type, field, params, input] of [
      ['Conv2d', 'in_channels', { in_channels: 3, out_channels: 4, kernel_size: 3 }, [1, 8, 8]],
      ['Linear', 'in_features', { in_features: 100, out_features: 4 }, [1]],
      ['BatchNorm2d', 'num_features', { num_features: 3 }, [1, 8, 8]],
      ['BatchNorm1d', 'num_features', { num_features: 3 }, [1, 8]],
    ] as [string, string, Record<string, unknown>, Shape][]) {
      const { spec, p, out } = run(type, params, [input]);
      expect(!out.ok && out.error, type).toContain(`set ${field} to ${input[0]}`);
      expect(spec.fix?.([input], p)).toEqual({
        kind: 'setParam',
        param: field,
        value: input[0],
        label: `Set ${field} to ${input[0]}`,
      });
      expect(spec.infer?.([input], p)).toEqual({ [field]: input[0] });
    }
  });

  it('pools PyTorch rejects say how to fix them', () => {
    expect(shapeOf('MaxPool2d', { kernel_size: 2, padding: 2 }, [[1, 8, 8]])).toMatch(
      /more than half the kernel size 2 .*lower padding to at most 1/,
    );
    expect(shapeOf('AvgPool2d', { kernel_size: 3 }, [[1, 2, 2]])).toMatch(/too small/);
    expect(
      shapeOf('Concat', {}, [
        [6, 4, 4],
        [2, 3, 4],
      ]),
    ).toBe(
      'sizes must match except in dim 1, but dim 2 differs: input 0 is [6, 4, 4], input 1 is [2, 3, 4]; resize one input or change dim',
    );
    expect(
      shapeOf('Add', {}, [
        [6, 4, 4],
        [6, 2, 2],
      ]),
    ).toMatch(/input 0 is \[6, 4, 4\], input 1 is \[6, 2, 2\]/);
  });
});

describe('MACs per sample', () => {
  it('Conv2d: output elements x in/groups x kh x kw; Linear: in x out; others 0', () => {
    const c = run('Conv2d', { out_channels: 6, kernel_size: 5, padding: 2 }, [[1, 28, 28]]);
    expect(c.spec.macs([[1, 28, 28]], [6, 28, 28], c.p)).toBe(6 * 28 * 28 * 25);
    const g = run('Conv2d', { out_channels: 8, kernel_size: 3, groups: 4 }, [[8, 5, 5]]);
    expect(g.spec.macs([[8, 5, 5]], [8, 3, 3], g.p)).toBe(8 * 9 * 2 * 9);
    const l = run('Linear', { out_features: 120 }, [[400]]);
    expect(l.spec.macs([[400]], [120], l.p)).toBe(48000);
    const b = run('BatchNorm2d', {}, [[6, 4, 4]]);
    expect(b.spec.macs([[6, 4, 4]], [6, 4, 4], b.p)).toBe(0);
  });
});

/** The params of a kind's first reference case that PyTorch accepts (app/layers/torch-cases.json). */
const REFERENCE = JSON.parse(readFileSync(join(here, 'torch-cases.json'), 'utf8')) as {
  cases: { type: string; params: Record<string, unknown>; error?: string; deviation?: string }[];
};
const accepted = (type: string) =>
  REFERENCE.cases.find((c) => c.type === type && !c.error && !c.deviation)?.params ?? {};

describe('summaries', () => {
  it('are short', () => {
    expect(
      getLayer('Conv2d')?.summary(
        (parseParams('Conv2d', { out_channels: 6, kernel_size: 5, padding: 2 }) as { value: Record<string, unknown> })
          .value,
      ),
    ).toBe('6, k5, p2');
    for (const s of LAYERS) {
      const p = parseParams(s.type, s.type === 'Input' ? { shape: [1, 28, 28] } : accepted(s.type));
      expect(p.ok, s.type).toBe(true);
      if (p.ok) expect(s.summary(p.value).length, s.type).toBeLessThan(24);
    }
  });
});
