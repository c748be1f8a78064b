/**
 * Training on an image folder: images of any size are resized to the network's Input shape
 * (grayscale or RGB as the Input asks), the shape is kept in settings.json, and the run's
 * evaluation loads the images the same way.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatasetSettings } from '../../../app/data/settings';
import { GraphBuilder } from '../../../app/templates/builder';
import { parseTrainingSettings } from '../../../app/training/settings';
import { datasetForGraph } from './input-shape';
import type { StartEvent, WorkerEvent } from './protocol';
import { startTraining } from './start';

const root = mkdtempSync(join(tmpdir(), 'netloom-input-shape-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // 2 classes x 10 PNGs of 16x12 (not the network's size), bright vs dark with a little noise.
  for (const [c, base] of [
    ['bright', 200],
    ['dark', 40],
  ] as const) {
    mkdirSync(join(root, 'imgs', c), { recursive: true });
    for (let i = 0; i < 10; i++) {
      const data = Buffer.alloc(16 * 12 * 3);
      for (let j = 0; j < data.length; j++) data[j] = base + ((i * 7 + j * 13) % 30);
      writeFileSync(
        join(root, 'imgs', c, `${i}.png`),
        await sharp(data, { raw: { width: 16, height: 12, channels: 3 } })
          .png()
          .toBuffer(),
      );
    }
  }
});

function graph(shape: number[]) {
  const b = new GraphBuilder('Tiny');
  b.chain(b.input(shape), [
    ['Flatten', {}],
    ['Linear', { out_features: 2 }],
  ]);
  return b.build();
}

describe('image folder resized to the Input shape', () => {
  it('takes the shape from the single Input node only when the settings give none', () => {
    const d = parseDatasetSettings({ name: 'folder', path: 'x' });
    const given = parseDatasetSettings({ name: 'folder', path: 'x', shape: [3, 5, 5] });
    const synth = parseDatasetSettings({ name: 'synthetic' });
    if (!d.ok || !given.ok || !synth.ok) throw new Error('settings');
    expect(datasetForGraph(d.value, graph([1, 8, 8])).shape).toEqual([1, 8, 8]);
    expect(datasetForGraph(given.value, graph([1, 8, 8])).shape).toEqual([3, 5, 5]);
    expect(datasetForGraph(synth.value, graph([1, 28, 28])).shape).toBeUndefined();
  });

  for (const shape of [
    [3, 8, 8],
    [1, 6, 10],
  ]) {
    it(`trains a [${shape.join(', ')}] network on 16x12 PNGs and evaluates it`, async () => {
      const s = parseTrainingSettings({
        epochs: 1,
        batch_size: 8,
        optimizer: 'adam',
        lr: 0.01,
        seed: 1,
        val_split: 0.2,
      });
      const d = parseDatasetSettings({ name: 'folder', path: join(root, 'imgs'), testSplit: 0.2 });
      if (!s.ok || !d.ok) throw new Error('settings');
      const out = join(root, `run-${shape.join('x')}`);
      const h = startTraining({ graph: graph(shape), settings: s.value, dataset: d.value, backend: 'cpu', out });
      const events: WorkerEvent[] = [];
      h.on((e) => events.push(e));
      const end = await h.done;
      if (end.event !== 'done') throw new Error(end.message);
      expect(end.status).toBe('completed');
      const start = events.find((e): e is StartEvent => e.event === 'start');
      expect(start && start.train_size + start.val_size + start.test_size).toBe(20);
      const saved = JSON.parse(readFileSync(join(out, 'settings.json'), 'utf8')) as { dataset: { shape: number[] } };
      expect(saved.dataset.shape).toEqual(shape);
      const ev = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as { n: number; loss: number };
      expect(ev.n).toBe(start?.test_size);
      expect(ev.loss).toBeCloseTo(end.test_loss as number, 5);
    }, 60_000);
  }
});
