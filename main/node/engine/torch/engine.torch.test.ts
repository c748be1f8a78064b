/**
 * The PyTorch engine end to end with Debian's python3-torch (CPU): LeNet-5 trains to the same
 * curves as the built-in engine (same init, split, order, torch.optim), Netloom's evaluation of
 * its weights equals PyTorch's own, two processes under torchrun (gloo) give the curves of one,
 * and a run resumes on the other engine as if it had not stopped (optimizer state included).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../../../app/training/events';
import { evaluateRun } from '../../data/evaluate-run';
import type { RunInfo } from '../../runs/run';
import { lenetRequest, runToEnd } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['train_loss', 'train_acc', 'val_loss', 'val_acc', 'lr'] as const;

function sameCurves(a: EpochEvent[], b: EpochEvent[], tol: number): void {
  expect(a.map((e) => e.epoch)).toEqual(b.map((e) => e.epoch));
  a.forEach((e, i) => {
    for (const k of KEYS)
      expect(Math.abs(Number(e[k]) - Number(b[i][k])), `epoch ${e.epoch} ${k}: ${e[k]} vs ${b[i][k]}`).toBeLessThan(
        tol,
      );
  });
}

const runInfo = (d: string) => JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as RunInfo;

describe('PyTorch engine', { timeout: 600_000 }, () => {
  let torchEpochs: EpochEvent[] = [];
  let builtinEpochs: EpochEvent[] = [];

  it("trains LeNet-5 as the built-in engine does; evaluation through Netloom equals PyTorch's own", async () => {
    const out = join(dir, 'torch');
    const t = await runToEnd(lenetRequest({}, { engine: 'torch', torch: { device: 'cpu' }, out }));
    expect(t.end, JSON.stringify(t.end)).toMatchObject({
      event: 'done',
      status: 'completed',
      engine: 'torch',
      device: 'cpu',
      world_size: 1,
      epochs_done: 2,
    });
    const start = t.events.find((e) => e.event === 'start');
    expect(start).toMatchObject({
      engine: 'torch',
      device: 'cpu',
      world_size: 1,
      train_size: 256,
      val_size: 64,
      test_size: 160,
    });
    expect(t.events.some((e) => e.event === 'batch')).toBe(true);
    torchEpochs = t.epochs;
    const info = runInfo(out);
    expect(info).toMatchObject({ status: 'completed', engine: 'torch', device: 'cpu', world_size: 1, epochs_done: 2 });
    expect(info.torch?.version).toMatch(/^\d+\.\d+/);
    for (const f of [
      'graph.json',
      'settings.json',
      'metrics.jsonl',
      'evaluation.json',
      'torch.log',
      'last/model.json',
      'last/optimizer.json',
      'best/model.json',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    // PyTorch evaluated its final weights on the test split (run.json's test); Netloom evaluates the
    // same weights (last/, converted to tfjs) on the same test split.
    const own = await evaluateRun(out, { checkpoint: 'last', write: false });
    expect(own.ok, own.ok ? '' : own.error).toBe(true);
    if (!own.ok || !info.test) throw new Error('no evaluation');
    expect(Math.abs(own.value.loss - info.test.loss)).toBeLessThan(1e-4);
    expect(own.value.accuracy).toBeCloseTo(info.test.acc, 10);

    const b = await runToEnd(lenetRequest({}, { out: join(dir, 'builtin') }));
    expect(b.end).toMatchObject({ event: 'done', status: 'completed' });
    builtinEpochs = b.epochs;
    sameCurves(torchEpochs, builtinEpochs, 1e-3);
  });

  it('--nproc 2 (torchrun, DistributedDataParallel on gloo) gives the curves of one process', async () => {
    const out = join(dir, 'ddp');
    const t = await runToEnd(lenetRequest({}, { engine: 'torch', torch: { device: 'cpu', nproc: 2 }, out }));
    expect(t.end, JSON.stringify(t.end)).toMatchObject({ event: 'done', status: 'completed', world_size: 2 });
    expect(runInfo(out)).toMatchObject({ world_size: 2, engine: 'torch' });
    sameCurves(t.epochs, torchEpochs, 1e-4);
  });

  it("augmentation: Python trains on Netloom's own draws (aug-<epoch>.npy), so the curves are the built-in engine's", async () => {
    const dataset = { ...lenetRequest({}).dataset, augment: 'flip,rotate=10,crop=2' };
    const t = await runToEnd(
      lenetRequest({}, { dataset, engine: 'torch', torch: { device: 'cpu' }, out: join(dir, 'aug-torch') }),
    );
    const b = await runToEnd(lenetRequest({}, { dataset, out: join(dir, 'aug-builtin') }));
    expect(t.end, JSON.stringify(t.end)).toMatchObject({ status: 'completed' });
    sameCurves(t.epochs, b.epochs, 1e-3);
    // Not the unaugmented curves.
    expect(Math.abs(t.epochs[1].train_loss - torchEpochs[1].train_loss)).toBeGreaterThan(1e-4);
  });

  it('resumes across engines: built-in epoch 1 then PyTorch epoch 2, and the other way round, as an uninterrupted run', async () => {
    const a = join(dir, 'netloom-then-torch');
    expect((await runToEnd(lenetRequest({ epochs: 1 }, { out: a }))).end).toMatchObject({ status: 'completed' });
    const ra = await runToEnd(lenetRequest({ epochs: 2 }, { engine: 'torch', torch: { device: 'cpu' }, resume: a }));
    expect(ra.end, JSON.stringify(ra.end)).toMatchObject({ status: 'completed', epochs_done: 2 });
    expect(ra.events.find((e) => e.event === 'start')).toMatchObject({ resumed_from: 1 });
    sameCurves(ra.epochs, builtinEpochs.slice(1), 1e-3);
    expect(runInfo(a)).toMatchObject({ engine: 'torch', epochs_done: 2 });

    const b = join(dir, 'torch-then-netloom');
    expect(
      (await runToEnd(lenetRequest({ epochs: 1 }, { engine: 'torch', torch: { device: 'cpu' }, out: b }))).end,
    ).toMatchObject({ status: 'completed' });
    const rb = await runToEnd(lenetRequest({ epochs: 2 }, { resume: b }));
    expect(rb.end, JSON.stringify(rb.end)).toMatchObject({ status: 'completed', epochs_done: 2 });
    sameCurves(rb.epochs, torchEpochs.slice(1), 1e-3);
    expect(runInfo(b).engine).toBeUndefined();
  });
});
