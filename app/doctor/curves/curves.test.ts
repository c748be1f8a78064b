/** The curve detectors on synthetic series, one per condition, and on a healthy run (no false alarm). */
import { describe, expect, it } from 'vitest';
import { diagnoseRun, normFromStats } from '.';
import { seriesFromMetrics } from './from-run';
import type { EpochRecord, RunSeries } from './types';

/** Epochs from two loss functions of the epoch number (1-based). */
function epochs(
  n: number,
  train: (e: number) => number,
  val: ((e: number) => number) | null,
  lr = 0.01,
): EpochRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    train_loss: train(i + 1),
    val_loss: val ? val(i + 1) : null,
    lr,
  }));
}
const ids = (s: RunSeries) => diagnoseRun(s).map((d) => d.id);
/** A healthy run: both losses fall and level off, validation a little above training. */
const healthy = (): RunSeries => ({
  classes: 10,
  epochs: epochs(
    12,
    (e) => 0.3 + 2 * Math.exp(-e / 2),
    (e) => 0.36 + 2 * Math.exp(-e / 2),
  ),
});

describe('diagnoseRun', () => {
  it('a healthy run: nothing', () => {
    expect(diagnoseRun(healthy())).toEqual([]);
  });

  it('overfitting: the gap and the epoch it opened', () => {
    const s: RunSeries = {
      classes: 10,
      epochs: epochs(
        10,
        (e) => 2 / e,
        (e) => (e <= 4 ? 2.2 / e : 0.55 + 0.1 * (e - 4)),
      ),
    };
    const [d] = diagnoseRun(s);
    expect(d.id).toBe('overfitting');
    expect(d.facts.opened).toBe(5);
    expect(d.facts.best_epoch).toBe(4);
    expect(d.facts.gap).toBeCloseTo(1.15 - 0.2, 6);
    expect(d.evidence[0]).toMatchObject({ series: 'val_loss', from: 4, to: 10 });
    expect(d.remedies).toEqual(['dropout', 'weight-decay', 'early-stopping', 'augment']);
  });

  it('underfitting: high and flat, against chance', () => {
    const s: RunSeries = {
      classes: 10,
      epochs: epochs(
        8,
        (e) => 2.0 - 0.02 * Math.min(e, 3),
        (e) => 2.01 - 0.02 * Math.min(e, 3),
      ),
    };
    expect(ids(s)).toEqual(['underfitting']);
    expect(ids({ ...s, classes: 1000 })).toEqual([]);
  });

  it('divergence: NaN with the lr at that step, or a rising loss', () => {
    const nan: RunSeries = {
      epochs: [],
      batches: [
        { x: 10, loss: 2.3, lr: 1 },
        { x: 20, loss: NaN, lr: 1 },
      ],
    };
    const [d] = diagnoseRun(nan);
    expect(d).toMatchObject({ id: 'divergence', facts: { at: 20, lr: 1 } });
    const rising: RunSeries = { epochs: epochs(6, (e) => (e < 3 ? 1.0 / e : 0.5 * 2 ** (e - 2)), null, 0.5) };
    expect(diagnoseRun(rising)[0]).toMatchObject({ id: 'divergence', facts: { lr: 0.5 } });
    expect(diagnoseRun(rising)).toHaveLength(1);
  });

  it('a learning rate too low: a slow straight line', () => {
    const batches = Array.from({ length: 200 }, (_, i) => ({
      x: i + 1,
      loss: 2.3 - 0.0015 * i + 0.01 * Math.sin(i),
      lr: 1e-5,
    }));
    const s: RunSeries = { classes: 10, epochs: epochs(2, (e) => 2.3 - 0.15 * e, null, 1e-5), batches };
    expect(ids(s)).toEqual(['lr-too-low']);
    const fast = batches.map((b, i) => ({ ...b, loss: 0.3 + 2 * Math.exp(-i / 20) }));
    expect(ids({ ...s, batches: fast })).toEqual([]);
  });

  it('dead ReLUs, from the share of zero activations', () => {
    const s = {
      ...healthy(),
      activations: [
        { nodeId: 'r1', name: 'relu1', zeroFraction: 0.97 },
        { nodeId: 'r2', name: 'relu2', zeroFraction: 0.5 },
      ],
    };
    const [d] = diagnoseRun(s);
    expect(d).toMatchObject({ id: 'dead-relu', nodeIds: ['r1'] });
    expect(ids({ ...s, activations: [{ nodeId: 'r2', name: 'relu2', zeroFraction: 0.5 }] })).toEqual([]);
  });

  it('vanishing and exploding gradients, from per-layer norms', () => {
    const names = ['conv1', 'conv2', 'fc1', 'fc2'];
    const g = (norms: number[]) => ({ ...healthy(), gradients: norms.map((norm, i) => ({ name: names[i], norm })) });
    expect(ids(g([1e-7, 1e-5, 0.1, 0.5]))).toEqual(['vanishing-gradients']);
    expect(ids(g([5e3, 10, 1, 1]))).toEqual(['exploding-gradients']);
    expect(ids(g([0.05, 0.1, 0.2, 0.4]))).toEqual([]);
    expect(normFromStats(4, 0, 1)).toBe(2);
  });

  it('BatchNorm drift, from running against batch statistics', () => {
    const bn = (runningMean: number[], runningVar: number[]) => ({
      ...healthy(),
      batchnorm: [{ nodeId: 'bn1', name: 'bn1', runningMean, runningVar, batchMean: [0, 0], batchVar: [1, 1] }],
    });
    expect(ids(bn([2, -2], [1, 1]))).toEqual(['batchnorm-drift']);
    expect(ids(bn([0, 0], [5, 5]))).toEqual(['batchnorm-drift']);
    expect(ids(bn([0.05, -0.05], [1.1, 0.9]))).toEqual([]);
  });

  it('reads a run folder: epochs, batches, and the NaN step from the run message', () => {
    const s = seriesFromMetrics(
      [
        { event: 'batch', epoch: 1, batch: 10, batches: 43, loss: 2.2, lr: 1 },
        { event: 'epoch', epoch: 1, train_loss: 2.1, train_acc: 0.2, val_loss: null, lr: 1 },
      ],
      {
        status: 'failed',
        message:
          'Loss became NaN at epoch 2, batch 5: training stopped. The last good checkpoint (epoch 1) is kept. Lower the learning rate (now 1) or set clip_grad_norm.',
      },
    );
    expect(s.batches).toEqual([
      { x: 10, loss: 2.2, lr: 1 },
      { x: 48, loss: NaN, lr: 1 },
    ]);
    expect(s.epochs[0]).toMatchObject({ epoch: 1, train_loss: 2.1, val_loss: null });
    expect(diagnoseRun(s)[0]).toMatchObject({ id: 'divergence', facts: { at: 48, lr: 1 } });
  });
});
