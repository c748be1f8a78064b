/**
 * The training handlers end to end on the cpu backend: start a small run on the synthetic set
 * through dispatch, receive batched progress, pause/resume/stop, list/get/evaluate/predict/delete
 * the run, preview augmentation.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';
import type { EventPayload } from '../../../app/protocol';
import { createBatcher } from './training-batcher';
import { dispatch } from './dispatch';
import { makeHost, tempDir, until } from './test-host';

function mlpText(): string {
  const g = buildTemplate('mlp');
  if (!g.ok) throw new Error(g.error);
  return serializeProject({ ...g.value, dataset: { name: 'synthetic', trainSize: 1200, testSize: 300 } });
}

describe('training handlers', () => {
  it('batch metrics leave as one message per interval, flushed at each epoch end', async () => {
    const sent: { event: string; payload: unknown }[] = [];
    const b = createBatcher('s1', (event, payload) => void sent.push({ event, payload }), 30);
    for (let i = 1; i <= 1000; i++)
      b.push({
        event: 'batch',
        epoch: 1,
        batch: i,
        batches: 1000,
        loss: 1 / i,
        lr: 0.1,
        img_per_s: 5000,
        eta_s: Infinity,
      });
    expect(sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toHaveLength(1);
    const first = sent[0].payload as EventPayload<'train.progress'>;
    expect(first.batches).toHaveLength(1000);
    expect(first.batches[0].eta_s).toBe(0);
    b.push({ event: 'batch', epoch: 2, batch: 1, batches: 1000, loss: 0.5, lr: 0.1, img_per_s: 5000, eta_s: 3 });
    b.push({
      event: 'epoch',
      epoch: 2,
      epochs: 2,
      train_loss: 0.4,
      train_acc: 0.9,
      val_loss: null,
      val_acc: null,
      lr: 0.1,
      img_per_s: 1,
      seconds: 1,
      eta_s: 0,
      tensors: 1,
      bytes: 1,
      best: true,
    });
    expect(sent).toHaveLength(2);
    expect(sent[1].payload).toMatchObject({ batches: [{ batch: 1 }], epochs: [{ epoch: 2, val_loss: null }] });
    b.push({ event: 'error', message: 'no dataset' });
    expect(sent[2]).toMatchObject({ event: 'train.done', payload: { status: 'error', message: 'no dataset' } });
  });

  it('train, stream batched metrics, list, get, evaluate, predict and delete a run', async () => {
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const started = await host.call('train.start', {
      text: mlpText(),
      training: { epochs: 2, batch_size: 16, lr: 0.05, momentum: 0.9 },
      backend: 'cpu',
    });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    if (!started.ok) return;
    const { sessionId } = started.value as { sessionId: string };
    const done = await until(
      () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(done).toMatchObject({ sessionId, status: 'completed', epochsDone: 2 });
    const progress = host.events
      .filter((e) => e.event === 'train.progress')
      .map((e) => e.payload as EventPayload<'train.progress'>);
    const batches = progress.flatMap((p) => p.batches);
    // 1,200 * 0.9 train samples / 16 per batch = 68 batches per epoch; the engine reports every 10th and the last.
    expect(batches.map((b) => b.batch)).toEqual([10, 20, 30, 40, 50, 60, 68, 10, 20, 30, 40, 50, 60, 68]);
    expect(progress.flatMap((p) => p.epochs).map((e) => e.epoch)).toEqual([1, 2]);
    const startedEvent = host.events.find((e) => e.event === 'train.started')?.payload as EventPayload<'train.started'>;
    expect(startedEvent.runDir.startsWith(join(ws, 'untitled.runs'))).toBe(true);

    const list = await host.call('runs.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [
        {
          dir: startedEvent.runDir,
          status: 'completed',
          epochs_done: 2,
          epochs: 2,
          dataset: 'synthetic',
          backend: 'cpu',
        },
      ],
    });
    const detail = await host.call('runs.get', { runDir: startedEvent.runDir });
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    const d = detail.value as { epochs: unknown[]; batches: unknown[]; graphText: string };
    expect(d.epochs).toHaveLength(2);
    expect(d.batches).toHaveLength(batches.length);
    expect(JSON.parse(d.graphText).nodes.length).toBeGreaterThan(3);

    const ev = await host.call('runs.evaluate', { runDir: startedEvent.runDir, worst: 4 });
    expect(ev.ok, JSON.stringify(ev).slice(0, 300)).toBe(true);
    if (!ev.ok) return;
    const e = ev.value as {
      n: number;
      confusion: number[][];
      accuracy: number;
      wrong: { image: string; probs: number[] }[];
    };
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(e.n);
    expect(e.accuracy).toBeCloseTo(e.confusion.reduce((a, row, i) => a + row[i], 0) / e.n, 6);
    for (const w of e.wrong) {
      expect(w.image.startsWith('data:image/png;base64,')).toBe(true);
      expect(w.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const cell = await host.call('runs.samples', { runDir: startedEvent.runDir, label: 0, predicted: 0, limit: 3 });
    expect(cell).toMatchObject({ ok: true, value: { total: e.confusion[0][0] } });
    const pred = await host.call('runs.predict', { runDir: startedEvent.runDir, pixels: new Array(784).fill(0) });
    expect(pred.ok).toBe(true);
    if (pred.ok) expect((pred.value as { probs: number[] }).probs).toHaveLength(10);
    const wrongSize = await host.call('runs.predict', { runDir: startedEvent.runDir, pixels: [1, 2] });
    expect(wrongSize).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const params = await host.call('runs.params', { runDir: startedEvent.runDir });
    expect(params.ok).toBe(true);
    if (params.ok)
      expect((params.value as { name: string; shape: number[] }[])[0]).toMatchObject({ shape: [200, 784] });

    const graph = JSON.parse((detail.value as { graphText: string }).graphText) as {
      nodes: { id: string; type: string }[];
    };
    const linear = graph.nodes.find((n) => n.type === 'Linear')!;
    const act = await host.call('runs.activations', { runDir: startedEvent.runDir, nodeId: linear.id, index: 3 });
    expect(act).toMatchObject({ ok: true, value: { shape: [200], image: null } });
    if (act.ok) expect((act.value as { values: number[] }).values).toHaveLength(200);
    // The share of exact zeros (the doctor's dead-ReLU reading) agrees with the values.
    if (act.ok) {
      const v = act.value as { values: number[]; zeros: number };
      expect(v.zeros).toBe(v.values.filter((x) => x === 0).length / 200);
    }
    const input = graph.nodes.find((n) => n.type === 'Input')!;
    expect(await host.call('runs.activations', { runDir: startedEvent.runDir, nodeId: input.id })).toMatchObject({
      ok: true,
      value: { shape: [1, 28, 28] },
    });
    expect(await host.call('runs.activations', { runDir: startedEvent.runDir, nodeId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await host.call('runs.get', { runDir: '/etc' })).toMatchObject({ ok: false });
    expect(await host.call('runs.delete', { runDir: startedEvent.runDir })).toEqual({ ok: true, value: { ok: true } });
    expect(existsSync(startedEvent.runDir)).toBe(false);
  });

  it('trains data-parallel with the workers asked for, and says so in train.started', async () => {
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const r = await host.call('train.start', {
      text: mlpText(),
      training: { epochs: 1, batch_size: 32, seed: 2 },
      backend: 'wasm',
      workers: 2,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const done = await until(
      () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(done).toMatchObject({ status: 'completed', epochsDone: 1 });
    expect(host.events.find((e) => e.event === 'train.started')?.payload).toMatchObject({
      backend: 'wasm',
      workers: 2,
    });
    expect(await host.call('train.start', { text: mlpText(), workers: 0 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('pause, resume and stop a session; the stopped run can be resumed', async () => {
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const text = mlpText();
    const r = await host.call('train.start', { text, training: { epochs: 50, batch_size: 8 }, backend: 'cpu' });
    if (!r.ok) throw new Error(r.error.message);
    const { sessionId } = r.value as { sessionId: string };
    await until(() => host.events.find((e) => e.event === 'train.progress'));
    // A second connection (the page reloaded) finds the session and follows it from now on.
    const follower: { event: string; payload: unknown }[] = [];
    const ctx2 = {
      ...host.ctx,
      emit: (event: string, payload: unknown) => void follower.push({ event, payload }),
    } as typeof host.ctx;
    const listed = await dispatch(host.handlers, 'train.sessions', {}, ctx2);
    expect(listed).toMatchObject({ ok: true, value: [{ sessionId, state: 'running', started: { sessionId } }] });
    expect(await host.call('train.pause', { sessionId })).toEqual({ ok: true, value: { ok: true } });
    expect(follower).toContainEqual({ event: 'train.state', payload: { sessionId, state: 'paused' } });
    const count = () =>
      host.events
        .filter((e) => e.event === 'train.progress')
        .flatMap((e) => (e.payload as EventPayload<'train.progress'>).batches).length;
    // The worker acknowledges the pause once it has stopped between batches; from then on nothing trains.
    const acked = (state: string) =>
      host.events.find(
        (e) =>
          e.event === 'train.state' &&
          (e.payload as EventPayload<'train.state'>).state === state &&
          (e.payload as EventPayload<'train.state'>).acknowledged === true,
      );
    await until(() => acked('paused'));
    const paused = count();
    await new Promise((res) => setTimeout(res, 1000));
    expect(count()).toBe(paused);
    await host.call('train.resume', { sessionId });
    await until(() => (count() > paused ? true : undefined));
    await until(() =>
      host.events.find(
        (e) => e.event === 'train.progress' && (e.payload as EventPayload<'train.progress'>).epochs.length > 0,
      ),
    );
    await host.call('train.stop', { sessionId });
    const done = await until(
      () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(done.status).toBe('stopped');
    expect(follower.some((e) => e.event === 'train.done')).toBe(true);
    expect(await dispatch(host.handlers, 'train.sessions', {}, ctx2)).toEqual({ ok: true, value: [] });
    expect(await host.call('train.pause', { sessionId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const again = await host.call('train.start', {
      text,
      resume: done.runDir!,
      training: { epochs: done.epochsDone + 1, batch_size: 8 },
      backend: 'cpu',
    });
    expect(again.ok).toBe(true);
    const second = await until(
      () => host.events.filter((e) => e.event === 'train.done')[1]?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(second).toMatchObject({ status: 'completed', epochsDone: done.epochsDone + 1, runDir: done.runDir });
  });

  it('preview augmentation as a PNG, report data and backends, refuse bad settings with the setting named', async () => {
    const host = await makeHost({ kind: 'web', workspace: await tempDir() });
    const p = await host.call('data.preview', {
      dataset: { name: 'synthetic', trainSize: 100, testSize: 10 },
      augment: 'flip,rotate=15',
      samples: 2,
      variants: 3,
    });
    expect(p.ok).toBe(true);
    if (p.ok)
      expect((p.value as { image: string; width: number }).image.startsWith('data:image/png;base64,')).toBe(true);
    expect(await host.call('data.preview', { dataset: { name: 'synthetic' }, augment: 'twirl' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const info = await host.call('data.info', { dataset: { name: 'synthetic', trainSize: 100, testSize: 10 } });
    expect(info).toMatchObject({ ok: true, value: { train: 100, test: 10, shape: [1, 28, 28] } });
    expect(await host.call('backends.available')).toMatchObject({ ok: true });
    const badLr = await host.call('train.start', { text: mlpText(), training: { lr: -1 } });
    expect(badLr).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!badLr.ok) expect(badLr.error.message).toContain('lr');
  });

  it.skipIf(!existsSync('/usr/share/datasets/fashion-mnist'))(
    'data.info names the folder a built-in set was read from, and a given data folder that did not hold it',
    async () => {
      const ws = await tempDir();
      const host = await makeHost({ kind: 'web', workspace: ws });
      mkdirSync(join(ws, 'data'));
      const info = await host.call('data.info', { dataset: { name: 'fashion-mnist', dataDir: join(ws, 'data') } });
      expect(info).toMatchObject({ ok: true, value: { train: 60000, location: '/usr/share/datasets/fashion-mnist' } });
      if (info.ok)
        expect((info.value as { locationNote: string }).locationNote).toContain(
          `${join(ws, 'data')}, does not hold its files`,
        );
      const plain = await host.call('data.info', { dataset: { name: 'fashion-mnist' } });
      expect(plain).toMatchObject({ ok: true, value: { locationNote: null } });
    },
  );

  it("refuses a graph with errors up front, as the CLI does, and takes K up to the settings' bound", async () => {
    const host = await makeHost({ kind: 'web', workspace: await tempDir() });
    const g = buildTemplate('mlp');
    if (!g.ok) throw new Error(g.error);
    // A Linear whose given in_features disagrees with its input: an error on that node.
    const first = g.value.nodes.find((n) => n.type === 'Linear');
    const broken = serializeProject({
      ...g.value,
      nodes: g.value.nodes.map((n) => (n === first ? { ...n, params: { ...n.params, in_features: 7 } } : n)),
    });
    const r = await host.call('train.start', { text: broken });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!r.ok) expect(r.error.message).toMatch(/graph is invalid/);
    // K = 30 is a valid project setting (app/training/settings.ts), so the contract takes it too; 101 is refused by both.
    expect(await host.call('train.start', { text: mlpText(), kfold: 101 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const k30 = await host.call('train.start', { text: broken, kfold: 30 });
    if (!k30.ok) expect(k30.error.message).toMatch(/graph is invalid/);
  });
});
