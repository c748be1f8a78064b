import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/tfjs/compile';
import type { Tf } from '../compiler/tfjs/tf';
import { normalize } from '../data/normalize';
import { splitDataset } from '../data/split';
import { syntheticDataset } from '../data/synthetic';
import { GraphBuilder } from '../templates/builder';
import type { EpochEvent } from './events';
import { runTraining, type LoopHooks } from './loop';
import { parseTrainingSettings } from './settings';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function mlp() {
  const b = new GraphBuilder('MLP');
  b.chain(b.input([784]), [
    ['Linear', { out_features: 32 }],
    ['ReLU', {}],
    ['Dropout', { p: 0.1 }],
    ['Linear', { out_features: 10 }],
  ]);
  const c = compileGraph(tf, b.build(), { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  return c.value;
}

// The synthetic 28x28 shapes as flat vectors, normalized (a small MLP learns them in seconds on the cpu backend).
const raw = syntheticDataset(1000, 3);
const norm = normalize({ ...raw, shape: [784] });
if (!norm.ok) throw new Error(norm.error);
const all = norm.value.dataset;
const parts = splitDataset(all, [600, 200, 200], { seed: 1 });
if (!parts.ok) throw new Error(parts.error);
const [train, val, test] = parts.value;
const hooks = (extra: Partial<LoopHooks> = {}): LoopHooks => ({
  now: () => performance.now(),
  yieldNow: async () => {},
  ...extra,
});
const settings = (over: Record<string, unknown>) => {
  const s = parseTrainingSettings({ epochs: 4, batch_size: 32, optimizer: 'adam', lr: 0.003, ...over });
  if (!s.ok) throw new Error(s.error);
  return s.value;
};

describe('runTraining', () => {
  it('learns a small dataset (accuracy far above chance) without leaking tensors', async () => {
    const compiled = mlp();
    const epochs: EpochEvent[] = [];
    const r = await runTraining(
      tf,
      compiled,
      settings({}),
      { train, val, test },
      hooks({ onEpoch: (e) => void epochs.push(e) }),
    );
    expect(r.status).toBe('completed');
    expect(epochs).toHaveLength(4);
    expect(epochs[3].train_loss).toBeLessThan(epochs[0].train_loss);
    expect(r.test?.acc).toBeGreaterThan(0.4); // chance is 0.1
    expect(new Set(epochs.map((e) => e.tensors)).size).toBe(1);
    compiled.model.dispose();
  });

  it('is repeatable with the same seed', async () => {
    const run = async () => {
      const c = mlp();
      const r = await runTraining(
        tf,
        c,
        settings({ epochs: 1, optimizer: 'sgd', lr: 0.05, momentum: 0.9 }),
        { train, val },
        hooks(),
      );
      c.model.dispose();
      return r.epochs[0].train_loss;
    };
    expect(await run()).toBe(await run());
  });

  it('stops on a NaN/Inf loss with a clear message', async () => {
    const c = mlp();
    const r = await runTraining(tf, c, settings({ optimizer: 'sgd', lr: 1e12 }), { train, val }, hooks());
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/Loss became (NaN|Infinity).*last good checkpoint.*Lower the learning rate/);
    c.model.dispose();
  });

  it('stops early when the monitored metric stops improving', async () => {
    const c = mlp();
    const r = await runTraining(
      tf,
      c,
      settings({
        epochs: 30,
        lr: 0.003,
        early_stopping: { enabled: true, monitor: 'val_loss', patience: 0, min_delta: 10 },
      }),
      { train, val },
      hooks(),
    );
    expect(r.status).toBe('early_stopped');
    expect(r.epochs).toHaveLength(2);
    expect(r.bestEpoch).toBe(1);
    c.model.dispose();
  });

  it('stops when asked', async () => {
    const c = mlp();
    let batches = 0;
    let clock = 0; // a clock that advances one second per reading
    const r = await runTraining(
      tf,
      c,
      settings({}),
      { train },
      hooks({
        now: () => (clock += 1000),
        batchEvery: 1,
        onBatch: () => void batches++,
        isStopRequested: () => batches >= 3,
      }),
    );
    expect(r.status).toBe('stopped');
    expect(batches).toBe(3);
    // The cut-short epoch's time counts: 3 batches over the seconds that passed, not over none.
    expect(r.img_per_s).toBeGreaterThan(0);
    expect(r.img_per_s).toBeLessThanOrEqual((3 * 32) / 3);
    c.model.dispose();
  });
});
