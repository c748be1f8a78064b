import { describe, expect, it } from 'vitest';
import type { HostApi } from '../host/api';
import { installTrainingEvents, trainingStore } from './training';
import { emptySeries } from './trainingSeries';

const epoch = (e: number, loss: number) => ({
  epoch: e,
  epochs: 3,
  train_loss: loss,
  train_acc: 0.5,
  val_loss: loss,
  val_acc: 0.5,
  lr: 0.1,
  img_per_s: 100,
  seconds: 1,
  eta_s: 1,
  best: false,
});

/** A host that answers runs.get from a run folder holding epoch 1 and lets the test emit events. */
function fakeHost() {
  const handlers = new Map<string, (p: unknown) => void>();
  const host = {
    on: (name: string, fn: (p: unknown) => void) => {
      handlers.set(name, fn);
      return () => handlers.delete(name);
    },
    invoke: async (channel: string) => {
      if (channel !== 'runs.get') return { ok: false, error: { message: 'unexpected' } };
      return {
        ok: true,
        value: {
          epochs: [epoch(1, 2)],
          batches: [
            { x: 50, loss: 2.1, lr: 0.1, img_per_s: 100 },
            { x: 100, loss: 1.9, lr: 0.1, img_per_s: 100 },
          ],
        },
      };
    },
  } as unknown as HostApi;
  return { host, emit: (name: string, p: unknown) => handlers.get(name)?.(p) };
}

describe('a resumed run keeps its earlier curves', () => {
  it('reads the epochs before the resume back from the run folder, in front of the live points', async () => {
    const { host, emit } = fakeHost();
    const stop = installTrainingEvents(host);
    trainingStore.setState({ sessionId: 's1', phase: 'starting', series: emptySeries(), runDir: null });
    emit('train.started', {
      sessionId: 's1',
      backend: 'wasm',
      runDir: '/runs/r1',
      runId: 'r1',
      seed: 0,
      epochs: 3,
      trainSize: 10,
      valSize: 0,
      testSize: 0,
      resumedFrom: 1,
    });
    emit('train.progress', {
      sessionId: 's1',
      batches: [{ epoch: 2, batch: 10, batches: 100, loss: 1.5, lr: 0.1, img_per_s: 100, eta_s: 1 }],
      epochs: [],
    });
    await expect.poll(() => trainingStore.getState().series.ex).toEqual([1]);
    const s = trainingStore.getState().series;
    expect(s.trainLoss).toEqual([2]);
    expect(s.bx).toEqual([50, 100, 110]);
    emit('train.progress', { sessionId: 's1', batches: [], epochs: [epoch(2, 1.4)] });
    expect(trainingStore.getState().series.ex).toEqual([1, 2]);
    stop();
  });
});
