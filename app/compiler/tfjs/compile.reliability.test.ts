/**
 * fast-check over the tfjs compiler: random small graphs of registry layers with random (often
 * wrong: NaN, Infinity, huge, negative, wrong type) parameters compile or give an error value
 * naming the node; they never throw, never leave tensors behind, and a huge layer is refused
 * before anything is allocated.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/types';
import { LAYERS } from '../../layers/registry';
import { GraphBuilder } from '../../templates/builder';
import { compileGraph } from './compile';
import type { Tf } from './tf';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tfc.setBackend('cpu');
});

const single = LAYERS.filter((l) => l.type !== 'Input' && l.inputs.min <= 1 && l.inputs.max >= 1).map((l) => l.type);
const multi = LAYERS.filter((l) => l.inputs.max >= 2).map((l) => l.type);

const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 0.5, NaN, Infinity, -Infinity, 1e9, 2 ** 31, 1e-12) },
  { weight: 1, arbitrary: fc.constantFrom('same', 'valid', 'nearest', 'tanh', '', "__import__('os')", null, true) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })) },
);
const KEYS = [
  'out_channels',
  'out_features',
  'kernel_size',
  'stride',
  'padding',
  'dilation',
  'groups',
  'bias',
  'p',
  'eps',
  'momentum',
  'negative_slope',
  'start_dim',
  'end_dim',
  'dim',
  'output_size',
  'scale_factor',
  'size',
  'mode',
  'approximate',
  'ceil_mode',
  'num_features',
  'in_features',
];
const params = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 4 }).map(
  (p) =>
    JSON.parse(
      JSON.stringify(p, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${v}` : v)),
      (_k, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v),
    ) as Record<string, unknown>,
);
/** Parameters the layer's own schema accepts: the first of a few plain candidates with a small size. */
function validParams(type: string, n: number): Record<string, unknown> {
  const spec = LAYERS.find((l) => l.type === type)!;
  const candidates = [
    {},
    { out_features: n },
    { out_channels: n, kernel_size: 1 },
    { kernel_size: 1 },
    { output_size: 1 },
    { scale_factor: 2 },
    { normalized_shape: [n] },
    { padding: 1 },
  ];
  return candidates.find((c) => spec.schema.safeParse(c).success) ?? {};
}
const step = fc
  .record({
    type: fc.constantFrom(...single),
    params,
    valid: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 3, nil: null }),
    merge: fc.option(fc.constantFrom(...multi), { freq: 5, nil: null }),
  })
  .map(({ type, params: p, valid, merge }) => ({ type, params: valid === null ? p : validParams(type, valid), merge }));
const input = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
    .map((s) => [...s]),
  fc.integer({ min: 1, max: 16 }).map((f) => [f]),
);

function build(
  shape: number[],
  steps: { type: string; params: Record<string, unknown>; merge: string | null }[],
): Graph {
  const b = new GraphBuilder('Fuzz');
  let x = b.input(shape);
  for (const s of steps) {
    const y = b.layer(s.type, s.params, x);
    x = s.merge ? b.layer(s.merge, {}, [x, y]) : y;
  }
  return b.build();
}

describe('compileGraph under fast-check', () => {
  it('random registry graphs compile or give a one-line error value; never throw, never leak tensors', () => {
    let compiled = 0;
    fc.assert(
      fc.property(input, fc.array(step, { minLength: 1, maxLength: 5 }), (shape, steps) => {
        const before = tfc.memory().numTensors;
        const r = compileGraph(tf, build(shape, steps), { seed: 1 });
        if (r.ok) {
          compiled++;
          r.value.model.dispose();
        } else {
          expect(typeof r.error).toBe('string');
          expect(r.error.length).toBeGreaterThan(0);
          expect(r.error).not.toMatch(/^\s+at /m);
        }
        expect(tfc.memory().numTensors).toBe(before);
      }),
      { numRuns: 200, seed: 42 },
    );
    expect(compiled).toBeGreaterThan(10);
  }, 120_000);

  it('huge or non-finite sizes are refused before tfjs allocates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1e9, 2 ** 40, 6e6, Infinity, NaN, -5, 1.5),
        fc.constantFrom('Linear', 'Conv2d'),
        (n, type) => {
          const before = tfc.memory().numBytes;
          const b = new GraphBuilder('Huge');
          const x = b.input(type === 'Linear' ? [64] : [3, 8, 8]);
          b.layer(type, type === 'Linear' ? { out_features: n } : { out_channels: n, kernel_size: 3 }, x);
          const r = compileGraph(tf, b.build(), { seed: 1 });
          expect(r.ok).toBe(false);
          expect(tfc.memory().numBytes).toBe(before);
        },
      ),
      { numRuns: 30, seed: 7 },
    );
  });
});
