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
import { evaluateRun } from '../data/evaluate-run';
import type { TrainRequest, WorkerEvent } from './protocol';
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

  // BatchNorm (running statistics are weights), Dropout (off in eval mode) and normalized images.
  function bnRequest(out: string, epochs: number): TrainRequest {
    const b = new GraphBuilder('BN');
    b.chain(b.input([1, 28, 28]), [
      ['Conv2d', { out_channels: 4, kernel_size: 3, stride: 2 }],
      ['BatchNorm2d', {}],
      ['ReLU', {}],
      ['Dropout', { p: 0.3 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const s = parseTrainingSettings({ epochs, batch_size: 40, optimizer: 'sgd', lr: 0.05, momentum: 0.9, seed: 11 });
    const d = parseDatasetSettings({ name: 'synthetic', trainSize: 320, testSize: 60, normalize: 'auto' });
    if (!s.ok || !d.ok) throw new Error('settings');
    return { graph: b.build(), settings: s.value, dataset: d.value, backend: 'cpu', out };
  }

  async function run(req: TrainRequest, onEvent?: (e: WorkerEvent, h: ReturnType<typeof startTraining>) => void) {
    const h = startTraining(req);
    const logs: string[] = [];
    h.on((e) => {
      if (e.event === 'log') logs.push(e.message);
      onEvent?.(e, h);
    });
    const end = await h.done;
    if (end.event !== 'done') throw new Error(end.message);
    return { end, logs };
  }

  it('evaluates the trained model in memory when it is the best checkpoint, exactly as from the run folder', async () => {
    const out = join(root, 'in-memory');
    const { end, logs } = await run(bnRequest(out, 1));
    expect(end.status).toBe('completed');
    expect(logs).toContain('evaluating on the test split with the trained model (the best checkpoint, epoch 1)');
    const written = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as Record<string, unknown>;
    // The folder's way: the network compiled again, the best checkpoint read into it, the data loaded again.
    const fromFolder = await evaluateRun(out, { backend: 'cpu', write: false });
    if (!fromFolder.ok) throw new Error(fromFolder.error);
    expect(written.epoch).toBe(1);
    expect(written).toEqual(JSON.parse(JSON.stringify(fromFolder.value)));
  }, 60_000);

  it('evaluates from the run folder when the model in memory is not the best checkpoint (stopped mid-epoch)', async () => {
    const out = join(root, 'stopped');
    const { end, logs } = await run(bnRequest(out, 5), (e, h) => {
      if (e.event === 'epoch' && e.epoch === 1) h.stop();
    });
    expect(end.status).toBe('stopped');
    expect(logs).toContain('evaluating on the test split');
    expect(logs.some((l) => l.includes('with the trained model'))).toBe(false);
    const written = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as Record<string, unknown>;
    const fromFolder = await evaluateRun(out, { backend: 'cpu', write: false });
    if (!fromFolder.ok) throw new Error(fromFolder.error);
    expect(written.epoch).toBe(1);
    expect(written).toEqual(JSON.parse(JSON.stringify(fromFolder.value)));
  }, 60_000);
});
