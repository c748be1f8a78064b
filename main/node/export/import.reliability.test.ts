/**
 * fast-check over the importers: random bytes, mutated ONNX files, random JSON and mutated
 * Keras/TensorFlow.js model.json files give an import or a one-line error value; they never throw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { importKeras } from '../../../app/importers/keras';
import { importOnnx } from '../../../app/importers/onnx';
import { buildModuleTree, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { buildTemplate } from '../../../app/templates';
import { importModelFile } from './import';
import { decodeOnnx, encodeOnnx } from './onnx';
import { writeTfjs } from './tfjs';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let onnxBytes: Uint8Array;
let kerasJson: Record<string, unknown>;

beforeAll(async () => {
  const g = buildTemplate('lenet5');
  if (!g.ok) throw new Error(g.error);
  const entries = stateDictEntries(buildModuleTree(g.value, analyzeGraph(g.value)));
  const weights = new Map(
    entries.map((e) => [
      e.name,
      { shape: e.shape, values: new Float32Array(e.shape.reduce((x, y) => x * y, 1)).fill(0.25) },
    ]),
  );
  const onnx = graphToOnnx(g.value, weights);
  if (!onnx.ok) throw new Error(onnx.error);
  onnxBytes = encodeOnnx(onnx.value);
  const tf = await cpuTf();
  const c = compileGraph(tf, g.value, { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  const w = await writeTfjs(c.value, join(dir, 'keras'), {}, g.value);
  c.value.model.dispose();
  if (!w.ok) throw new Error(w.error);
  kerasJson = JSON.parse(readFileSync(join(dir, 'keras', 'model.json'), 'utf8'));
});

/** Any call must return a Result; a throw fails the property. */
function expectResult(r: { ok: boolean; error?: string }) {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) expect(r.error && r.error.length > 0 && !/\n\s+at /.test(r.error)).toBe(true);
}

function mutateBytes(base: Uint8Array, edits: { at: number; op: number; v: number }[], cut: number): Uint8Array {
  const out = [...base.subarray(0, Math.max(0, base.length - cut))];
  for (const e of edits) {
    const i = e.at % Math.max(1, out.length);
    if (e.op === 0) out[i] = e.v;
    else if (e.op === 1) out.splice(i, 0, e.v);
    else out.splice(i, 1);
  }
  return Uint8Array.from(out);
}

/** Replaces the value at a random path of a JSON document. */
function mutateJson(doc: unknown, picks: number[], replacement: unknown): unknown {
  const copy = structuredClone(doc);
  let parent: unknown = null;
  let key: string | number = '';
  let node: unknown = copy;
  for (const p of picks) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_v, i) => i) : Object.keys(node);
    if (!keys.length) break;
    key = keys[p % keys.length];
    parent = node;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (parent === null) return replacement;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

const edit = fc.record({ at: fc.nat(), op: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 255 }) });
const odd = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, -1, 1e12, 2 ** 31, '', 'float16', [], {}, [[1e9, 1e9]], { paths: 5 }),
);

describe('importers under fast-check', () => {
  it('ONNX: random and mutated bytes give an import or an error value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => ({ b, edits: [], cut: 0 })),
          fc.record({ b: fc.constant(null), edits: fc.array(edit, { maxLength: 8 }), cut: fc.nat({ max: 4000 }) }),
        ),
        ({ b, edits, cut }) => {
          const bytes = b ?? mutateBytes(onnxBytes, edits, cut);
          const m = decodeOnnx(bytes);
          expectResult(m);
          if (m.ok) expectResult(importOnnx(m.value));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  }, 120_000);

  it('ONNX files through importModelFile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 6 }), fc.nat({ max: 2000 }), async (edits, cut) => {
        const file = join(dir, 'm.onnx');
        writeFileSync(file, mutateBytes(onnxBytes, edits, cut));
        expectResult(await importModelFile(file));
      }),
      { numRuns: 60, seed: 12 },
    );
  }, 120_000);

  it('Keras/TensorFlow.js model.json (with its Netloom project): random and mutated documents give an import or an error value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), odd, async (picks, replacement) => {
        const doc = mutateJson(kerasJson, picks, replacement);
        expectResult(importKeras(doc));
        writeFileSync(join(dir, 'keras', 'fuzz.json'), JSON.stringify(doc) ?? 'null');
        expectResult(await importModelFile(join(dir, 'keras', 'fuzz.json')));
      }),
      { numRuns: 300, seed: 13 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        expectResult(importKeras(doc));
      }),
      { numRuns: 200, seed: 14 },
    );
  }, 120_000);
});
