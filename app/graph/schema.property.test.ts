import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProject, parseProjectText, serializeProject } from './schema';
import { nestedBlocks, smallLeNet } from './test-graphs';
import type { Graph } from './types';

const F = 'fuzz.netloom.json';

/** Whatever the input: a value that round-trips, or one line naming the file. Never a throw. */
function checkOutcome(r: ReturnType<typeof parseProject>): void {
  if (r.ok) {
    const again = parseProjectText(serializeProject(r.value), F);
    expect(again.ok).toBe(true);
  } else {
    expect(r.error.startsWith(`${F}: `)).toBe(true);
    expect(r.error).not.toMatch(/\n/);
    expect(r.error.length).toBeLessThan(2000);
  }
}

/** Replaces the value at a random path of a JSON tree by `v`. */
function replaceAt(doc: unknown, pick: number[], v: unknown): unknown {
  if (pick.length === 0 || typeof doc !== 'object' || doc === null) return v;
  const keys = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  if (keys.length === 0) return v;
  const k = keys[pick[0] % keys.length];
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string | number, unknown>;
  copy[k] = replaceAt(copy[k], pick.slice(1), v);
  return copy;
}

const base = fc.constantFrom<() => Graph>(smallLeNet, nestedBlocks);
const weird = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    1e-320,
    NaN,
    Infinity,
    '',
    '💥',
    '\u0000',
    'Conv3d',
    'netloom',
  ),
  fc.string({ unit: 'binary' }),
);

describe('parseProject never throws (fast-check)', () => {
  it('random values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => checkOutcome(parseProject(v, F))),
      { numRuns: 300 },
    );
  });
  it('random JSON text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => checkOutcome(parseProjectText(s, F))),
      { numRuns: 300 },
    );
  });
  it('documents with one value replaced anywhere', () => {
    fc.assert(
      fc.property(base, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), weird, (make, pick, v) => {
        checkOutcome(parseProject(replaceAt(make(), pick, v), F));
      }),
      { numRuns: 500 },
    );
  });
  it('file text cut, or with characters inserted or removed', () => {
    fc.assert(
      fc.property(base, fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }), (make, at, del, ins) => {
        const text = serializeProject(make());
        const i = at % text.length;
        checkOutcome(parseProjectText(text.slice(0, i), F));
        checkOutcome(parseProjectText(text.slice(0, i) + ins + text.slice(i + del), F));
      }),
      { numRuns: 400 },
    );
  });
});

describe('large and deep inputs', () => {
  it('ten thousand nodes open', () => {
    const n = 10_000;
    const g: Graph = {
      format: 'netloom',
      version: 1,
      name: 'Big',
      modules: [{ id: 'seq', name: 'body', kind: 'Sequential' }],
      nodes: Array.from({ length: n }, (_, i) => ({
        id: `n${i}`,
        type: i === 0 ? 'Input' : 'ReLU',
        parent: i ? 'seq' : undefined,
        params: i ? {} : { shape: [8] },
        position: { x: 0, y: i * 80 },
      })),
      edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
    };
    const r = parseProjectText(serializeProject(g), F);
    expect(r.ok && r.value.nodes.length).toBe(n);
  });
  it('a module chain 9,999 deep is refused over the nesting limit (100); a 9,999-module cycle is reported', () => {
    const modules = Array.from({ length: 9_999 }, (_, i) => ({
      id: `m${i}`,
      name: `m${i}`,
      kind: 'Module' as const,
      parent: i ? `m${i - 1}` : undefined,
    }));
    const g: Graph = { ...smallLeNet(), modules: [...smallLeNet().modules, ...modules] };
    expect(parseProject(g, F)).toEqual({
      ok: false,
      error: expect.stringMatching(/nested 9,999 deep, more than a project may nest them \(100\)/),
    });
    expect(parseProject({ ...g, modules: [...smallLeNet().modules, ...modules.slice(0, 99)] }, F).ok).toBe(true);
    modules[0].parent = 'm9998';
    expect(parseProject({ ...g, modules: [...smallLeNet().modules, ...modules] }, F)).toEqual({
      ok: false,
      error: expect.stringMatching(/modules contain each other/),
    });
  });
  it('a million nested brackets give an error, not a stack overflow', () => {
    const deep = `{"format":"netloom","version":1,"nodes":${'['.repeat(1_000_000)}`;
    expect(parseProjectText(deep, F)).toEqual({ ok: false, error: expect.stringMatching(/truncated JSON at line 1/) });
    const closed = `{"format":"netloom","version":1,"edges":[],"nodes":[{"id":"a","type":"Input","params":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`;
    expect(parseProjectText(closed, F)).toEqual({
      ok: false,
      error: expect.stringMatching(/nodes\[0\]\.params: nested deeper than 32 levels/),
    });
  });
});
