/**
 * The best epoch so far by a monitored metric, and early stopping as Keras/Lightning define it
 * (improvement = better by more than min_delta; stop after `patience` epochs without one).
 */
export type Monitor = 'val_loss' | 'val_acc' | 'train_loss' | 'train_acc';

export interface BestTracker {
  readonly monitor: Monitor;
  readonly bestValue: number | null;
  readonly bestEpoch: number | null;
  /** Record an epoch's value; true when it is a new best. */
  update(epoch: number, value: number): boolean;
  /** Epochs since the last improvement. */
  readonly wait: number;
}

export function createBestTracker(monitor: Monitor, minDelta = 0): BestTracker {
  const maximize = monitor.endsWith('acc');
  let bestValue: number | null = null;
  let bestEpoch: number | null = null;
  let wait = 0;
  return {
    monitor,
    get bestValue() {
      return bestValue;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    get wait() {
      return wait;
    },
    update(epoch, value) {
      if (!Number.isFinite(value)) {
        wait += 1;
        return false;
      }
      const improved = bestValue === null || (maximize ? value > bestValue + minDelta : value < bestValue - minDelta);
      if (improved) {
        bestValue = value;
        bestEpoch = epoch;
        wait = 0;
      } else wait += 1;
      return improved;
    },
  };
}
