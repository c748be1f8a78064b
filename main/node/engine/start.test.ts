/**
 * The training worker end to end on the cpu backend with a small synthetic set: events, run
 * folder contents, no tensor growth across epochs, resume, stop, pause, backend errors.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatasetSettings } from '../../../app/data/settings';
import { GraphBuilder } from '../../../app/templates/builder';
import type { EpochEvent } from '../../../app/training/events';
import { parseTrainingSettings } from '../../../app/training/settings';
import type { TrainRequest, WorkerEvent } from './protocol';
import { startTraining } from './start';

const root = mkdtempSync(join(tmpdir(), 'netloom-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function request(over: Partial<TrainRequest> & { training?: Record<string, unknown> } = {}): TrainRequest {
  const b = new GraphBuilder('Tiny');
  b.chain(b.input([1, 28, 28]), [
    ['AvgPool2d', { kernel_size: 4 }],
    ['Flatten', {}],
    ['Linear', { out_features: 10 }],
  ]);
  const s = parseTrainingSettings({
    epochs: 2,
    batch_size: 50,
    optimizer: 'adam',
    lr: 0.01,
    seed: 3,
    ...over.training,
  });
  const d = parseDatasetSettings({ name: 'synthetic', trainSize: 400, testSize: 100 });
  if (!s.ok || !d.ok) throw new Error('settings');
  return {
    graph: b.build(),
    settings: s.value,
    dataset: d.value,
    backend: 'cpu',
    out: join(root, `run-${Math.random().toString(36).slice(2)}`),
    ...over,
  };
}

async function collect(req: TrainRequest, onEvent?: (e: WorkerEvent, h: ReturnType<typeof startTraining>) => void) {
  const h = startTraining(req);
  const events: WorkerEvent[] = [];
  h.on((e) => {
    events.push(e);
    onEvent?.(e, h);
  });
  const end = await h.done;
  return { events, end };
}

describe('startTraining (worker)', () => {
  let runDir = '';
  it('trains, reports the backend and epochs, writes the run folder, and leaks no tensors', async () => {
    const req = request();
    const { events, end } = await collect(req);
    expect(end.event).toBe('done');
    if (end.event !== 'done') return;
    expect(end.status).toBe('completed');
    expect(end.backend).toBe('cpu');
    expect(end.test_acc).toBeGreaterThan(0.2);
    const start = events.find((e) => e.event === 'start');
    expect(start).toMatchObject({ backend: 'cpu', train_size: 360, val_size: 40, test_size: 100 });
    const epochs = events.filter((e): e is EpochEvent => e.event === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1].tensors).toBe(epochs[0].tensors);
    runDir = end.run_dir;
    for (const f of [
      'graph.json',
      'settings.json',
      'run.json',
      'metrics.jsonl',
      'best/model.json',
      'best/weights.bin',
      'last/model.json',
      'last/weights.bin',
    ]) {
      expect(existsSync(join(runDir, f)), f).toBe(true);
    }
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'completed', epochs_done: 2, backend: { name: 'cpu' } });
    const lines = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'epoch')).toHaveLength(2);
  });

  it('resumes from the last checkpoint exactly where an uninterrupted run would be', async () => {
    const first = await collect(request({ training: { epochs: 1 } }));
    if (first.end.event !== 'done') throw new Error('first run failed');
    const dir = first.end.run_dir;
    const { events, end } = await collect(request({ resume: dir }));
    expect(end.event).toBe('done');
    expect(events.find((e) => e.event === 'start')).toMatchObject({ resumed_from: 1 });
    expect(events.filter((e) => e.event === 'epoch').map((e) => (e as EpochEvent).epoch)).toEqual([2]);
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'epoch').map((l) => l.epoch)).toEqual([1, 2]);
    // Same weights (Adam moments and step restored, same shuffles) as the 2-epoch run of the first test.
    expect(readFileSync(join(dir, 'last/weights.bin')).equals(readFileSync(join(runDir, 'last/weights.bin')))).toBe(
      true,
    );
    expect(existsSync(join(dir, 'last/optimizer.bin'))).toBe(true);
  });

  it('stops when asked and keeps what it had', async () => {
    const { end } = await collect(request({ training: { epochs: 50 } }), (e, h) => {
      if (e.event === 'epoch' && e.epoch === 1) h.stop();
    });
    expect(end).toMatchObject({ event: 'done', status: 'stopped' });
    if (end.event === 'done') expect(existsSync(join(end.run_dir, 'last/model.json'))).toBe(true);
  });

  it('pauses and resumes', async () => {
    let requested = false;
    const { events, end } = await collect(request({ training: { epochs: 3 } }), (e, h) => {
      if (e.event === 'batch' && !requested) {
        requested = true;
        h.pause();
      }
      if (e.event === 'state' && e.state === 'paused') setTimeout(() => h.resume(), 300);
    });
    expect(end).toMatchObject({ event: 'done', status: 'completed' });
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(3);
    // The worker acknowledges the pause between batches; nothing trains until it says it runs again.
    const kinds = events.map((e) => (e.event === 'state' ? `state:${e.state}` : e.event));
    const paused = kinds.indexOf('state:paused');
    const running = kinds.indexOf('state:running');
    expect(paused).toBeGreaterThan(-1);
    expect(running).toBeGreaterThan(paused);
    expect(kinds.slice(paused + 1, running)).toEqual([]);
    expect(kinds.slice(running + 1)).toContain('batch');
  });

  it.each(['cpu', 'wasm'])(
    'splits batches across data-parallel workers with the same result as one worker (%s)',
    async (backend) => {
      // Helpers apply the averaged gradients themselves (weights travel only on the first step):
      // a helper that drifted would send gradients of other weights and the runs would differ.
      const training = { epochs: 1, optimizer: 'sgd', lr: 0.05, momentum: 0.9 };
      const one = await collect(request({ training, backend }));
      const two = await collect(request({ training, workers: 2, backend }));
      if (one.end.event !== 'done' || two.end.event !== 'done') throw new Error('a run failed');
      expect(two.events.find((e) => e.event === 'start')).toMatchObject({ workers: 2 });
      const floats = (dir: string) => {
        const b = readFileSync(join(dir, 'last/weights.bin'));
        return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      };
      const a = floats(one.end.run_dir);
      const b = floats(two.end.run_dir);
      expect(b.length).toBe(a.length);
      expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
    },
  );

  it("workers 'auto' uses the cores without BatchNorm, one worker with it (saying why), and two forced workers keep one worker's result", async () => {
    const cores = availableParallelism();
    const plain = await collect(request({ training: { epochs: 1, batch_size: 50 }, workers: 'auto', backend: 'wasm' }));
    expect(plain.end).toMatchObject({ event: 'done', status: 'completed' });
    expect(plain.events.find((e) => e.event === 'start')).toMatchObject({ workers: Math.min(cores, 3) });
    expect(plain.events.some((e) => e.event === 'log' && /^workers auto: \d \(/.test(e.message))).toBe(true);
    const b = new GraphBuilder('TinyBN');
    b.chain(b.input([1, 28, 28]), [
      ['Conv2d', { out_channels: 2, kernel_size: 3 }],
      ['BatchNorm2d', {}],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const bn = { ...request({ training: { epochs: 1, batch_size: 50 }, backend: 'wasm' }), graph: b.build() };
    const auto = await collect({ ...bn, workers: 'auto' });
    if (auto.end.event !== 'done') throw new Error('the auto run failed');
    expect(auto.events.find((e) => e.event === 'start')).toMatchObject({ workers: 1 });
    if (cores >= 2)
      expect(
        auto.events.some(
          (e) =>
            e.event === 'log' &&
            /^workers auto: 1 \(BatchNorm2d '.+': BatchNorm networks train on one worker/.test(e.message),
        ),
      ).toBe(true);
    const two = await collect({ ...bn, workers: 2 });
    const one = await collect({ ...bn, workers: 1 });
    if (two.end.event !== 'done' || one.end.event !== 'done') throw new Error('a run failed');
    expect(two.events.find((e) => e.event === 'start')).toMatchObject({ workers: 2 });
    // SyncBatchNorm: the weights and running statistics of one worker.
    const floats = (dir: string) => {
      const w = readFileSync(join(dir, 'last/weights.bin'));
      return new Float32Array(w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength));
    };
    const [x, y] = [floats(two.end.run_dir), floats(one.end.run_dir)];
    expect(x.length).toBe(y.length);
    expect(Math.max(...x.map((v, i) => Math.abs(v - y[i])))).toBeLessThan(1e-4);
  });

  it('refuses a backend that cannot load, with no fallback', async () => {
    const { end } = await collect(request({ backend: 'node' }));
    expect(end.event).toBe('error');
    if (end.event === 'error')
      expect(end.message).toMatch(/backend 'node' \(@tensorflow\/tfjs-node\) cannot be loaded/);
    const bogus = await collect(request({ backend: 'quantum' }));
    if (bogus.end.event === 'error') expect(bogus.end.message).toMatch(/backend 'quantum' is not known/);
    else expect.fail('expected an error');
  });

  it('refuses a dataset whose samples do not fit the Input, with the fix (app/data/compat.ts)', async () => {
    const b = new GraphBuilder('Flat');
    b.chain(b.input([784]), [['Linear', { out_features: 10 }]]);
    const { end } = await collect(request({ graph: b.build() }));
    if (end.event === 'error')
      expect(end.message).toMatch(
        /gives samples of shape \[1, 28, 28\] but the network's Input takes \[784\].*add a Flatten layer/,
      );
    else expect.fail('expected an error');
  });
});
