/** What a training run reports while it runs (the worker streams these to the host). */
export interface BatchEvent {
  event: 'batch';
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  lr: number;
  img_per_s: number;
  /** Seconds left for the whole run, at the current speed. */
  eta_s: number;
}

export interface EpochEvent {
  event: 'epoch';
  epoch: number;
  epochs: number;
  train_loss: number;
  train_acc: number;
  val_loss: number | null;
  val_acc: number | null;
  lr: number;
  img_per_s: number;
  seconds: number;
  eta_s: number;
  /** tf.memory() after the epoch: live tensors and bytes (must not grow from epoch to epoch). */
  tensors: number;
  bytes: number;
  best: boolean;
}

export type RunStatus = 'completed' | 'stopped' | 'early_stopped' | 'failed';

export interface LoopResult {
  status: RunStatus;
  message?: string;
  epochs: EpochEvent[];
  bestEpoch: number | null;
  bestValue: number | null;
  monitor: string;
  /** Test-set loss and accuracy with the final weights (restored best when early stopping restores). */
  test: { loss: number; acc: number } | null;
  /** Training images per second over the whole run. */
  img_per_s: number;
}
