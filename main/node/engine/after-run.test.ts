/**
 * Evaluation after training: a finished run folder has evaluation.json (confusion matrix,
 * per-class precision/recall, top-k, most confidently wrong) without anyone asking, on the same
 * test data training used, even when the person left the seed unset.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatasetSettings } from '../../../app/data/settings';
import { GraphBuilder } from '../../../app/templates/builder';
import { parseTrainingSettings } from '../../../app/training/settings';
import type { WorkerEvent } from './protocol';
import { startTraining } from './start';

const root = mkdtempSync(join(tmpdir(), 'netloom-after-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('evaluation after training', () => {
  it('writes evaluation.json matching the test metrics of the run', async () => {
    const b = new GraphBuilder('Tiny');
    b.chain(b.input([1, 28, 28]), [
      ['AvgPool2d', { kernel_size: 4 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    // One epoch: the best checkpoint is the final model, so its test loss is the run's. No seed given.
    const s = parseTrainingSettings({ epochs: 1, batch_size: 40, optimizer: 'adam', lr: 0.01, seed: null });
    const d = parseDatasetSettings({ name: 'synthetic', trainSize: 200, testSize: 60 });
    if (!s.ok || !d.ok) throw new Error('settings');
    expect(s.value.seed).toBe(null);
    const out = join(root, 'run');
    const h = startTraining({ graph: b.build(), settings: s.value, dataset: d.value, backend: 'cpu', out });
    const events: WorkerEvent[] = [];
    h.on((e) => events.push(e));
    const end = await h.done;
    if (end.event !== 'done') throw new Error(end.message);
    expect(end.evaluation).toBe(join(out, 'evaluation.json'));
    const ev = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as {
      n: number;
      loss: number;
      accuracy: number;
      checkpoint: string;
      confusion: number[][];
      per_class: { precision: number; recall: number }[];
      topk: Record<string, number>;
      most_confident_wrong: { image?: string }[];
    };
    expect(ev.n).toBe(60);
    expect(ev.checkpoint).toBe('best');
    expect(ev.loss).toBeCloseTo(end.test_loss as number, 5);
    expect(ev.accuracy).toBeCloseTo(end.test_acc as number, 10);
    expect(ev.confusion).toHaveLength(10);
    expect(ev.confusion.flat().reduce((a, x) => a + x, 0)).toBe(60);
    expect(ev.per_class).toHaveLength(10);
    expect(Object.keys(ev.topk).length).toBeGreaterThan(0);
    expect(ev.most_confident_wrong.length).toBeGreaterThan(0);
    expect(ev.most_confident_wrong[0].image).toMatch(/^data:image\/png;base64,/);
    const settings = JSON.parse(readFileSync(join(out, 'settings.json'), 'utf8')) as { training: { seed: number } };
    const start = events.find((e) => e.event === 'start');
    expect(start && start.event === 'start' && settings.training.seed).toBe(
      start && start.event === 'start' ? start.seed : -1,
    );
  }, 60_000);
});
