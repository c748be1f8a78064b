import { describe, expect, it } from 'vitest';
import { editorStore } from './index';
import { LOCK_REASON, onTrainingEvent, trainingStore } from './training';
import { appendProgress, decimate, emptySeries, seriesCsv, smooth, smoothCache, smoothInto } from './trainingSeries';
import { candidate, setPath } from '../panels/training/settingsEdit';
import { scheduleCurve } from '../panels/training/SchedulePlot';
import { trainingSettingsSchema } from '../../app/training/settings';

const batch = (epoch: number, b: number, loss: number) => ({
  epoch,
  batch: b,
  batches: 100,
  loss,
  lr: 0.1,
  img_per_s: 500,
  eta_s: 10,
});

describe('training series', () => {
  it('append batches at their global batch number and epochs in order', () => {
    const s = appendProgress(emptySeries(), { batches: [batch(1, 10, 2), batch(2, 10, 1)], epochs: [] });
    expect(s.bx).toEqual([10, 110]);
    appendProgress(s, {
      batches: [],
      epochs: [
        {
          epoch: 1,
          epochs: 2,
          train_loss: 1,
          train_acc: 0.5,
          val_loss: null,
          val_acc: null,
          lr: 0.1,
          img_per_s: 1,
          seconds: 1,
          eta_s: 0,
          best: true,
        },
      ],
    });
    expect(s.valLoss).toEqual([null]);
  });

  it('smooth as TensorBoard does (debiased EMA) and keep the raw series for w = 0', () => {
    expect(smooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const s = smooth([4, 4, 4, 4], 0.9);
    for (const v of s) expect(v).toBeCloseTo(4, 10);
    const t = smooth([0, 10], 0.5);
    expect(t[0]).toBe(0);
    expect(t[1]).toBeCloseTo((0.5 * 0.5 * 0 + 0.5 * 10) / (1 - 0.25), 10);
  });

  it('smooth incrementally to the same values as from scratch', () => {
    const values = Array.from({ length: 50 }, (_, i) => Math.sin(i) + 2);
    const c = smoothCache();
    const grown: number[] = [];
    for (const v of values) {
      grown.push(v);
      smoothInto(c, grown, 0.7);
    }
    expect(smoothInto(c, grown, 0.7)).toEqual(smooth(values, 0.7));
    expect(smoothInto(c, grown, 0.2)).toEqual(smooth(values, 0.2));
  });

  it('decimate 100,000 batch points to bucket means, keeping small series as they are', () => {
    const x = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const y = x.map((i) => (i % 2 ? 1 : 3));
    const [dx, dy] = decimate(x, [y], 2000);
    expect(dx.length).toBeLessThanOrEqual(2000);
    expect(dy.every((v) => v === 2)).toBe(true);
    expect(dx[dx.length - 1]).toBe(100_000);
    const small = decimate([1, 2], [[5, null]], 10);
    expect(small).toEqual([
      [1, 2],
      [5, null],
    ]);
  });

  it('write CSV with a header and empty cells for missing values', () => {
    expect(
      seriesCsv([
        { name: 'epoch', values: [1, 2] },
        { name: 'val_loss', values: [0.5, null] },
      ]),
    ).toBe('epoch,val_loss\n1,0.5\n2,\n');
  });
});

describe('training store', () => {
  it('follows the events of its own session, locks and unlocks the editor', () => {
    trainingStore.setState({ sessionId: 'abc', phase: 'starting', series: emptySeries() });
    editorStore.getState().setEditLock(LOCK_REASON);
    const before = editorStore.getState().graph;
    expect(editorStore.getState().edit('x', (g) => ({ ...g, name: 'Other' }))).toBe(false);
    expect(editorStore.getState().graph).toBe(before);
    expect(editorStore.getState().notice?.text).toBe(LOCK_REASON);
    onTrainingEvent('started', {
      sessionId: 'abc',
      backend: 'wasm',
      runDir: '/r',
      runId: 'r',
      seed: 0,
      epochs: 2,
      trainSize: 10,
      valSize: 0,
      testSize: 0,
      resumedFrom: 0,
    });
    expect(trainingStore.getState()).toMatchObject({ phase: 'running', backend: 'wasm', runDir: '/r' });
    onTrainingEvent('progress', { sessionId: 'other', batches: [batch(1, 10, 1)], epochs: [] });
    expect(trainingStore.getState().series.bx).toEqual([]);
    onTrainingEvent('progress', { sessionId: 'abc', batches: [batch(1, 10, 1), batch(1, 20, 0.9)], epochs: [] });
    expect(trainingStore.getState().progress).toMatchObject({ epoch: 1, batch: 20, batches: 100 });
    onTrainingEvent('state', { sessionId: 'abc', state: 'paused' });
    expect(trainingStore.getState().phase).toBe('paused');
    onTrainingEvent('done', {
      sessionId: 'abc',
      status: 'stopped',
      runDir: '/r',
      testLoss: null,
      testAcc: null,
      imgPerS: 1,
      epochsDone: 0,
    });
    expect(trainingStore.getState()).toMatchObject({ phase: 'idle', sessionId: null, evalRun: '/r' });
    expect(editorStore.getState().editLock).toBeNull();
    expect(editorStore.getState().edit('x', (g) => ({ ...g, name: 'Other' }))).toBe(true);
  });
});

describe('training settings form', () => {
  it('validates a value against the schema before it reaches the document, naming the setting', () => {
    const g = editorStore.getState().graph;
    const bad = candidate(g, 'training', 'lr', -1);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain("'lr'");
    const good = candidate(g, 'training', 'scheduler.name', 'StepLR');
    expect(good.ok && good.value.scheduler).toEqual({ name: 'StepLR', step_size: 10, gamma: 0.1 });
    expect(candidate(g, 'dataset', 'augment', 'twirl').ok).toBe(false);
    expect(setPath({ betas: [0.9, 0.999] }, 'betas.1', 0.99)).toEqual({ betas: [0.9, 0.99] });
  });

  it('plots the schedule as torch computes it', () => {
    const t = trainingSettingsSchema.parse({
      lr: 0.1,
      epochs: 4,
      scheduler: { name: 'StepLR', step_size: 2, gamma: 0.1 },
    });
    const lrs = scheduleCurve(t);
    expect(lrs.map((v) => Number(v.toPrecision(6)))).toEqual([0.1, 0.1, 0.01, 0.01]);
  });
});
