/**
 * The training worker dying (an uncaught exception, out of memory, the thread ended) is reported
 * as a failed run with the reason (a `train.done` for the UI, run.json status failed), and the next
 * run starts cleanly. Faults are injected through NETLOOM_FAULT (see fault.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseDatasetSettings } from '../../../app/data/settings';
import { GraphBuilder } from '../../../app/templates/builder';
import { parseTrainingSettings } from '../../../app/training/settings';
import type { TrainRequest } from '../engine/protocol';
import { startTraining } from '../engine/start';
import { createBatcher } from '../host/training-batcher';
import { readMetrics } from '../runs/run';

const root = mkdtempSync(join(tmpdir(), 'netloom-fault-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.NETLOOM_FAULT;
  delete process.env.NETLOOM_HELPER_FAULT;
  delete process.env.NETLOOM_WORKER_HEAP_MB;
});

function request(workers = 1): TrainRequest {
  const b = new GraphBuilder('Tiny');
  b.chain(b.input([1, 28, 28]), [
    ['AvgPool2d', { kernel_size: 4 }],
    ['Flatten', {}],
    ['Linear', { out_features: 10 }],
  ]);
  const s = parseTrainingSettings({ epochs: 2, batch_size: 50, optimizer: 'sgd', lr: 0.05, seed: 3 });
  const d = parseDatasetSettings({ name: 'synthetic', trainSize: 400, testSize: 100 });
  if (!s.ok || !d.ok) throw new Error('settings');
  return {
    graph: b.build(),
    settings: s.value,
    dataset: d.value,
    backend: 'cpu',
    workers,
    out: join(root, `run-${Math.random().toString(36).slice(2)}`),
  };
}

/** Runs a session as the host does and returns what the UI was sent. */
async function run(workers = 1) {
  const req = request(workers);
  const sent: { event: string; payload: Record<string, unknown> }[] = [];
  const batcher = createBatcher('s1', (event, payload) =>
    sent.push({ event, payload: payload as Record<string, unknown> }),
  );
  const h = startTraining(req);
  h.on((e) => batcher.push(e));
  const end = await h.done;
  batcher.close();
  return { end, sent, dir: req.out! };
}

async function expectFailedRun(reason: RegExp, workers = 1) {
  const { end, sent, dir } = await run(workers);
  expect(end).toMatchObject({ event: 'done', status: 'failed' });
  const done = sent.filter((m) => m.event === 'train.done');
  expect(done).toHaveLength(1);
  expect(done[0].payload).toMatchObject({ status: 'failed', runDir: dir });
  expect(String(done[0].payload.message)).toMatch(reason);
  const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  expect(info.status).toBe('failed');
  expect(info.message).toMatch(reason);
  // What came before the fault (the second reported batch, in epoch 2) is kept: epoch 1's metrics and checkpoint.
  expect(
    readMetrics(dir)
      .filter((m) => m.event === 'epoch')
      .map((m) => m.epoch),
  ).toEqual([1]);
  expect(existsSync(join(dir, 'last', 'model.json'))).toBe(true);
}

describe('training worker faults', () => {
  it('an uncaught exception in the worker ends as a failed run with the reason', async () => {
    process.env.NETLOOM_FAULT = 'throw@2';
    await expectFailedRun(/crashed: injected fault at batch 2/);
  }, 60_000);

  it('the worker running out of memory ends as a failed run suggesting a smaller batch', async () => {
    process.env.NETLOOM_FAULT = 'oom@2';
    process.env.NETLOOM_WORKER_HEAP_MB = '160';
    await expectFailedRun(/ran out of memory: use a smaller batch size/);
  }, 60_000);

  it('the worker ending abruptly ends as a failed run, and the next run starts and completes', async () => {
    process.env.NETLOOM_FAULT = 'exit@2';
    await expectFailedRun(/stopped unexpectedly \(exit code 70\)/);
    delete process.env.NETLOOM_FAULT;
    const next = await run();
    expect(next.end).toMatchObject({ event: 'done', status: 'completed' });
    expect(next.sent.filter((m) => m.event === 'train.done')[0].payload.status).toBe('completed');
  }, 90_000);
});

describe('data-parallel helper faults', () => {
  // A helper that fails (or vanishes) must end the run with its reason, not leave the coordinator
  // waiting at the gradient exchange. 400 samples in batches of 50: step 10 is in epoch 2.
  it('a helper whose step throws ends the run as failed, naming the helper and the reason', async () => {
    process.env.NETLOOM_HELPER_FAULT = 'throw@10';
    await expectFailedRun(/data-parallel helper 1: injected helper fault at step 10/, 2);
  }, 60_000);

  it('a helper thread that ends abruptly ends the run as failed, and the next run completes', async () => {
    process.env.NETLOOM_HELPER_FAULT = 'exit@10';
    await expectFailedRun(/data-parallel helper 1 exited/, 2);
    delete process.env.NETLOOM_HELPER_FAULT;
    const next = await run(2);
    expect(next.end).toMatchObject({ event: 'done', status: 'completed' });
  }, 90_000);
});
