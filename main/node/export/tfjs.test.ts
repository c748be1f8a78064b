/**
 * The TensorFlow.js export loads with tf.loadLayersModel (an in-memory IOHandler over the written
 * files) and gives the app's outputs, for every layer kind, the merges, LeNet-5, a ResNet block,
 * an Inception block and the small templates; bad files are one-line errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layerCases, mergeCases, networkCases } from '../../../app/compiler/tfjs/testing/torch-cases';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { makeRng } from '../../../app/data/rng';
import type { Graph } from '../../../app/graph/types';
import { buildTemplate } from '../../../app/templates';
import { loadTfjsFolder, writeTfjs } from './tfjs';
import { exportModel } from './weights';

const root = mkdtempSync(join(tmpdir(), 'netloom-tfjs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tpl = (n: string): Graph => {
  const g = buildTemplate(n);
  if (!g.ok) throw new Error(g.error);
  return g.value;
};
const cases: [string, Graph][] = [
  ...[...layerCases(), ...mergeCases(), ...networkCases()]
    .filter((c) => !c.train)
    .map((c) => [c.id, c.graph] as [string, Graph]),
  ['template mlp', tpl('mlp')],
];

describe('TensorFlow.js export = the app', () => {
  it.each(cases.map((c, i) => [c[0], c[1], i] as const))('%s', async (_id, graph, i) => {
    const m = await exportModel(graph, { seed: i + 1 });
    if (!m.ok) throw new Error(m.error);
    const { tf, compiled } = m.value;
    const dir = join(root, `c${i}`);
    const w = await writeTfjs(compiled, dir);
    expect(w.ok ? '' : w.error).toBe('');
    const loaded = await loadTfjsFolder(tf, dir);
    if (!loaded.ok) throw new Error(loaded.error);
    const rng = makeRng(i);
    const xs = compiled.inputShapes.map((s) =>
      tf.tensor(
        Array.from({ length: 2 * s.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1),
        [2, ...s],
      ),
    );
    const run = (model: typeof compiled.model) => {
      const y = model.predict(xs.length === 1 ? xs[0] : xs) as Tensor | Tensor[];
      const ys = Array.isArray(y) ? y : [y];
      const out = ys.map((t) => Array.from(t.dataSync()));
      tf.dispose(ys);
      return out;
    };
    const want = run(compiled.model);
    const got = run(loaded.value);
    expect(got.length).toBe(want.length);
    got.forEach((o, k) => {
      expect(o.length).toBe(want[k].length);
      expect(Math.max(0, ...o.map((v, j) => Math.abs(v - want[k][j])))).toBeLessThan(1e-6);
    });
    tf.dispose(xs);
    compiled.model.dispose();
    loaded.value.dispose();
  });

  it('reports a corrupted model.json and weights of the wrong size in one line', async () => {
    const m = await exportModel(tpl('lenet5'));
    if (!m.ok) throw new Error(m.error);
    const dir = join(root, 'bad');
    expect((await writeTfjs(m.value.compiled, dir)).ok).toBe(true);
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(100));
    const short = await loadTfjsFolder(m.value.tf, dir);
    expect(short.ok ? '' : short.error).toMatch(/weights of .*model\.json have 100 bytes, the manifest needs 246824/);
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": ');
    const broken = await loadTfjsFolder(m.value.tf, dir);
    expect(broken.ok ? '' : broken.error).toMatch(/is not a readable model\.json/);
    expect(broken.ok ? '' : broken.error).not.toContain('\n');
    m.value.compiled.model.dispose();
  });
});
