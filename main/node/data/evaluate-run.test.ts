import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs';
import { prepareData } from '../../../app/data/prepare';
import { parseDatasetSettings } from '../../../app/data/settings';
import { buildTemplate } from '../../../app/templates';
import { batches } from '../../../app/training/batches';
import { evaluateBatches } from '../../../app/training/step';
import { loadBackend } from '../engine/backend';
import { saveCheckpoint } from '../runs/checkpoint';
import { evaluateRun } from './evaluate-run';
import { loadSource } from './index';

const run = mkdtempSync(join(tmpdir(), 'netloom-eval-'));
const dataset = { name: 'synthetic', trainSize: 300, testSize: 120, seed: 4 };
const training = { seed: 2, val_split: 0.1, loss: 'CrossEntropyLoss' };
let reference: { loss: number; acc: number; n: number };

beforeAll(async () => {
  const graph = buildTemplate('lenet5');
  if (!graph.ok) throw new Error(graph.error);
  const be = await loadBackend('cpu');
  if (!be.ok) throw new Error(be.error);
  const compiled = compileGraph(be.value.tf, graph.value, { seed: 2 });
  if (!compiled.ok) throw new Error(compiled.error);
  writeFileSync(join(run, 'graph.json'), JSON.stringify(graph.value));
  writeFileSync(join(run, 'settings.json'), JSON.stringify({ training, dataset }));
  mkdirSync(join(run, 'best'));
  await saveCheckpoint(compiled.value, join(run, 'best'), { epoch: 3 });
  // the engine's own evaluation of the same weights on the same prepared test split
  const src = await loadSource({ name: 'synthetic', trainSize: 300, testSize: 120, seed: 4 });
  const ds = parseDatasetSettings(dataset);
  if (!src.ok || !ds.ok) throw new Error('fixture');
  const data = prepareData(src.value, ds.value, 0.1, 2);
  if (!data.ok) throw new Error(data.error);
  reference = await evaluateBatches(
    be.value.tf,
    compiled.value.model,
    batches(be.value.tf, data.value.test!, 50),
    'CrossEntropyLoss',
  );
});

describe('evaluateRun', () => {
  it('matches the engine loss and accuracy, and writes evaluation.json and wrong.png', async () => {
    const r = await evaluateRun(run, { backend: 'cpu', worst: 8 });
    if (!r.ok) throw new Error(r.error);
    const e = r.value;
    expect(e.n).toBe(120);
    expect(e.checkpoint).toBe('best');
    expect(e.epoch).toBe(3);
    expect(e.loss).toBeCloseTo(reference.loss, 4);
    expect(e.accuracy).toBeCloseTo(reference.acc, 6);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(120);
    expect(e.per_class.map((c) => c.support).reduce((a, b) => a + b, 0)).toBe(120);
    expect(e.topk['5']).toBeGreaterThanOrEqual(e.topk['1']);
    const saved = JSON.parse(readFileSync(join(run, 'evaluation.json'), 'utf8'));
    expect(saved.accuracy).toBe(e.accuracy);
    expect(e.most_confident_wrong.length).toBeGreaterThan(0);
    {
      const w = e.most_confident_wrong[0];
      expect(w.image).toMatch(/^data:image\/png;base64,/);
      const thumb = PNG.sync.read(Buffer.from(w.image!.split(',')[1], 'base64'));
      expect([thumb.width, thumb.height]).toEqual([28, 28]);
      const png = PNG.sync.read(readFileSync(join(run, 'wrong.png')));
      expect(png.width).toBeGreaterThan(28);
    }
  });
  it('a folder that is not a run, or without checkpoints, is a clear error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'netloom-eval-empty-'));
    expect(((await evaluateRun(empty)) as { error: string }).error).toMatch(
      /graph\.json: not found; is this a run folder/,
    );
    const noCk = mkdtempSync(join(tmpdir(), 'netloom-eval-nock-'));
    writeFileSync(join(noCk, 'graph.json'), readFileSync(join(run, 'graph.json')));
    writeFileSync(join(noCk, 'settings.json'), readFileSync(join(run, 'settings.json')));
    expect(((await evaluateRun(noCk, { backend: 'cpu' })) as { error: string }).error).toMatch(/no checkpoint/);
  });
});
