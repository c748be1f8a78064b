import { describe, expect, it } from 'vitest';
import { editorStore } from './index';
import { onTrainingEvent, startTraining, trainingStore } from './training';
import { emptySeries } from './trainingSeries';
import type { HostApi } from '../host';

const batch = (epoch: number, b: number, loss: number) => ({
  epoch,
  batch: b,
  batches: 10,
  loss,
  lr: 0.1,
  img_per_s: 500,
  eta_s: 10,
});
const started = (fold: number, runDir: string) => ({
  sessionId: 'kf',
  backend: 'cpu',
  runDir,
  runId: runDir,
  seed: 1,
  epochs: 3,
  trainSize: 80,
  valSize: 20,
  testSize: 10,
  resumedFrom: 0,
  fold,
  folds: 5,
});

describe('K-fold progress in the training store', () => {
  it('carries the fold into progress and starts the charts over at each new fold', () => {
    trainingStore.setState({
      sessionId: 'kf',
      phase: 'starting',
      series: emptySeries(),
      progress: null,
      seriesVersion: 0,
    });
    onTrainingEvent('started', started(1, '/k/fold-1'));
    expect(trainingStore.getState().progress).toMatchObject({ fold: 1, folds: 5, epoch: 0, epochs: 3 });
    onTrainingEvent('progress', {
      sessionId: 'kf',
      batches: [batch(1, 5, 2), batch(2, 5, 1.5)],
      epochs: [],
      fold: 1,
      folds: 5,
    });
    expect(trainingStore.getState().progress).toMatchObject({ fold: 1, folds: 5, epoch: 2, batch: 5 });
    expect(trainingStore.getState().series.bloss).toEqual([2, 1.5]);
    onTrainingEvent('state', { sessionId: 'kf', state: 'paused' });
    onTrainingEvent('started', started(2, '/k/fold-2'));
    const s = trainingStore.getState();
    // Fold 2 starts paused (the session was paused between folds) and with empty curves.
    expect(s).toMatchObject({ phase: 'paused', runDir: '/k/fold-2', progress: { fold: 2, folds: 5, epoch: 0 } });
    expect(s.series.bloss).toEqual([]);
    onTrainingEvent('progress', { sessionId: 'kf', batches: [batch(1, 10, 0.7)], epochs: [], fold: 2, folds: 5 });
    expect(trainingStore.getState().series.bx).toEqual([10]);
    expect(trainingStore.getState().progress).toMatchObject({ fold: 2, epoch: 1, batch: 10 });
  });

  it('a plain run has no fold, and start sends kfold: K only when K-fold is chosen', async () => {
    trainingStore.setState({ sessionId: 'p', phase: 'starting', series: emptySeries(), progress: null });
    onTrainingEvent('started', { ...started(1, '/r'), sessionId: 'p', fold: undefined, folds: undefined });
    expect(trainingStore.getState().progress?.fold).toBeUndefined();
    const sent: Record<string, unknown>[] = [];
    const host = {
      invoke: async (_c: string, args: Record<string, unknown>) => {
        sent.push(args);
        return { ok: true, value: { sessionId: 'n' } };
      },
    } as unknown as HostApi;
    // K comes from the project's training.kfold (saved with the project).
    const withK = (k: number | null) =>
      editorStore.setState({ graph: { ...editorStore.getState().graph, training: { kfold: k } } });
    withK(4);
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host);
    expect(sent[0].kfold).toBe(4);
    expect(JSON.parse(String(sent[0].text)).training.kfold).toBe(4);
    withK(null);
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host);
    expect(sent[1].kfold).toBeUndefined();
    withK(4);
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host, { resume: '/r' });
    expect(sent[2]).toMatchObject({ resume: '/r' });
    expect(sent[2].kfold).toBeUndefined();
  });
});

describe('data-parallel workers in the training store', () => {
  it("start sends 'auto' by default, a number only when more than one is chosen, and the started run shows how many trained it", async () => {
    const sent: Record<string, unknown>[] = [];
    const host = {
      invoke: async (_c: string, args: Record<string, unknown>) => {
        sent.push(args);
        return { ok: true, value: { sessionId: 'w' } };
      },
    } as unknown as HostApi;
    editorStore.setState({ graph: { ...editorStore.getState().graph, training: {} } });
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host);
    expect(sent[0].workers).toBe('auto');
    trainingStore.getState().setWorkers(1);
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host);
    expect(sent[1].workers).toBeUndefined();
    sent.shift();
    trainingStore.getState().setWorkers(2);
    trainingStore.setState({ phase: 'idle' });
    await startTraining(host);
    expect(sent[1].workers).toBe(2);
    onTrainingEvent('started', { ...started(1, '/w'), sessionId: 'w', fold: undefined, folds: undefined, workers: 2 });
    expect(trainingStore.getState().runningWorkers).toBe(2);
    onTrainingEvent('started', { ...started(1, '/w1'), sessionId: 'w', fold: undefined, folds: undefined });
    expect(trainingStore.getState().runningWorkers).toBe(1);
    trainingStore.getState().setWorkers(0);
    expect(trainingStore.getState().workers).toBe(1);
    trainingStore.getState().setWorkers('auto');
  });
});
