import { describe, expect, it } from 'vitest';
import { meanEpochs } from './bench-data';

const point = (epoch: number, train_loss: number, val_loss: number | null) => ({
  epoch,
  epochs: 3,
  train_loss,
  train_acc: 0.5,
  val_loss,
  val_acc: val_loss === null ? null : 0.4,
  lr: 0.01,
  img_per_s: 100,
  seconds: 1,
  eta_s: 0,
  best: false,
});

describe('meanEpochs (a K-fold run as one bench entry)', () => {
  it('averages each epoch over the folds that reached it', () => {
    const m = meanEpochs([[point(1, 1, 2), point(2, 0.5, 1)], [point(1, 3, 4)]]);
    expect(m.map((p) => [p.epoch, p.train_loss, p.val_loss])).toEqual([
      [1, 2, 3],
      [2, 0.5, 1],
    ]);
  });
  it('a fold without validation leaves the mean of the others', () => {
    expect(meanEpochs([[point(1, 1, null)], [point(1, 1, 3)]])[0].val_loss).toBe(3);
  });
});
