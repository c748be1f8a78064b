// A training session on WebGPU (SwiftShader, forced): through the worker, the device is named
// and workers are 1 with the reason, and no tensor is left behind per epoch; in process, a lost
// device ends the run as failed with the reason and keeps its folder, and a network whose tensors
// cannot fit one buffer of the adapter is refused before anything is compiled.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfc from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseDatasetSettings } from '../../../../app/data/settings';
import { GraphBuilder } from '../../../../app/templates/builder';
import type { EpochEvent } from '../../../../app/training/events';
import { parseTrainingSettings } from '../../../../app/training/settings';
import type { TrainRequest, WorkerEvent } from '../protocol';
import { runSession } from '../session';
import { startTraining } from '../start';
import { swiftShaderOrSkip } from './test-util';

const runs = swiftShaderOrSkip('webgpu/session.test.ts');
const root = mkdtempSync(join(tmpdir(), 'netloom-webgpu-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function request(layers: [string, Record<string, unknown>][], training: Record<string, unknown> = {}): TrainRequest {
  const b = new GraphBuilder('Tiny');
  b.chain(b.input([1, 28, 28]), layers);
  const s = parseTrainingSettings({
    epochs: 2,
    batch_size: 20,
    optimizer: 'sgd',
    lr: 0.05,
    momentum: 0.9,
    seed: 5,
    ...training,
  });
  const d = parseDatasetSettings({ name: 'synthetic', trainSize: 80, testSize: 20 });
  if (!s.ok || !d.ok) throw new Error('settings');
  return {
    graph: b.build(),
    settings: s.value,
    dataset: d.value,
    backend: 'webgpu',
    out: join(root, `run-${Math.random().toString(36).slice(2)}`),
  };
}

const tiny: [string, Record<string, unknown>][] = [
  ['AvgPool2d', { kernel_size: 4 }],
  ['Flatten', {}],
  ['Linear', { out_features: 10 }],
];

const control = {
  isStopRequested: () => false,
  waitWhilePaused: async () => {},
  yieldNow: () => new Promise<void>((r) => setImmediate(r)),
};

describe.runIf(runs)('training on WebGPU (SwiftShader)', () => {
  it('the worker names the device, trains with one worker, and leaks no tensors per epoch', async () => {
    const h = startTraining({ ...request(tiny), workers: 2 });
    const events: WorkerEvent[] = [];
    h.on((e) => events.push(e));
    const end = await h.done;
    expect(end).toMatchObject({ event: 'done', status: 'completed', backend: 'webgpu' });
    expect(events.find((e) => e.event === 'start')).toMatchObject({
      backend: 'webgpu',
      device: 'SwiftShader (software)',
      workers: 1,
    });
    const logs = events.filter((e) => e.event === 'log').map((e) => (e as { message: string }).message);
    expect(logs.some((m) => /^WebGPU adapter: SwiftShader \(software\)/.test(m))).toBe(true);
    expect(logs).toContain(
      'workers 2 -> 1: WebGPU trains each batch on its one device, and data-parallel workers would only queue on it',
    );
    const epochs = events.filter((e): e is EpochEvent => e.event === 'epoch');
    expect(epochs).toHaveLength(2);
    expect(epochs[1].tensors).toBe(epochs[0].tensors);
    expect(Number.isFinite(epochs[1].train_loss)).toBe(true);
    if (end.event !== 'done') return;
    expect(JSON.parse(readFileSync(join(end.run_dir, 'run.json'), 'utf8'))).toMatchObject({
      backend: { name: 'webgpu', device: 'SwiftShader (software)' },
    });
  });

  it('a lost device ends the run as failed with the reason, and keeps the run folder', async () => {
    const events: WorkerEvent[] = [];
    let destroyed = false;
    await runSession(
      { ...request(tiny, { epochs: 3 }) },
      (e) => {
        events.push(e);
        if (e.event === 'batch' && e.epoch === 2 && !destroyed) {
          destroyed = true;
          (tfc.engine().backend as unknown as { device: { destroy(): void } }).device.destroy();
        }
      },
      control,
    );
    const done = events.find((e) => e.event === 'done');
    expect(done).toMatchObject({ status: 'failed', backend: 'webgpu', epochs_done: 1 });
    if (done?.event !== 'done') return;
    expect(done.message).toMatch(
      /^the GPU device was lost \(destroyed.*\): training stopped; the run folder keeps the last checkpoint/,
    );
    expect(existsSync(join(done.run_dir, 'last', 'model.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(done.run_dir, 'run.json'), 'utf8'))).toMatchObject({
      status: 'failed',
      epochs_done: 1,
    });
  });

  it('refuses a batch whose tensors cannot fit one buffer of the adapter, before compiling', async () => {
    const events: WorkerEvent[] = [];
    // The host-memory check (reliability/memory-budget.ts) runs first; give it room, so the device's limit is what refuses.
    const budget = process.env.NETLOOM_MEMORY_BUDGET_MB;
    process.env.NETLOOM_MEMORY_BUDGET_MB = '1000000';
    onTestFinished(() => {
      if (budget === undefined) delete process.env.NETLOOM_MEMORY_BUDGET_MB;
      else process.env.NETLOOM_MEMORY_BUDGET_MB = budget;
    });
    await runSession(
      request(
        [
          ['Upsample', { scale_factor: 100 }],
          ['AvgPool2d', { kernel_size: 100 }],
          ['Flatten', {}],
          ['Linear', { out_features: 10 }],
        ],
        { batch_size: 64 },
      ),
      (e) => events.push(e),
      control,
    );
    const error = events.find((e) => e.event === 'error');
    expect(error, JSON.stringify(events.slice(-2))).toBeDefined();
    if (error?.event !== 'error') return;
    expect(error.message).toMatch(
      /^Upsample '.+' needs a 1\.9 GiB tensor at batch_size 64, and one WebGPU buffer on SwiftShader \(software\) holds at most 1\.0 GiB \(maxStorageBufferBindingSize\): set batch_size to 34 or less\.$/,
    );
    expect(events.some((e) => e.event === 'start')).toBe(false);
  });
});
