/**
 * SyncBatchNorm: BatchNorm's training step across data-parallel replicas, each holding a shard of
 * the batch. The forward pass gathers every replica's per-channel element count, mean and sum of
 * squared deviations (the shard's sum and sum of squares, in the form that loses no precision) and
 * combines them in rank order in double precision, so every replica normalizes with the whole
 * batch's mean and biased variance, bit for bit the same. The backward pass gathers the per-channel
 * sums of dy and dy * x_hat, as PyTorch's SyncBatchNorm does, so the input gradient is the whole
 * batch's.
 *
 * Shards may differ in size: the data-parallel exchange averages the replicas' gradients weighted
 * by their sample counts (each replica's loss is its shard's mean), so replica r's cotangents are
 * W / w_r times the whole batch's, and the sums of dy are weighted by w_r here. A replica with no
 * samples (an empty shard) still calls every exchange, with a placeholder sample that counts zero.
 * Two replicas then give the loss, gradients and running statistics of one BatchNorm on the batch.
 * The op itself, which calls the exchange, is batchnorm-fused.ts's `batchNormTrain`.
 */
import type { LayersModel } from '../tf';

/** How one replica meets the others inside a training step (the data-parallel exchange). */
export interface BatchNormSync {
  /** This replica's samples in the step; 0 for a placeholder (its values count nowhere). */
  readonly samples: number;
  /**
   * Every replica's `values` (the same length everywhere), in rank order. Every replica calls it
   * the same number of times, in the same order (the network is the same on each).
   */
  allGather(values: Float64Array): Float64Array[];
}

/** The whole batch's [count, mean, biased variance] from each replica's [count, mean, M2]. */
export function combine(all: Float64Array[], c: number) {
  const mean = new Float64Array(c);
  const m2 = new Float64Array(c);
  let n = 0;
  for (const v of all) {
    if (v[0] === 0) continue;
    n += v[0];
    for (let k = 0; k < c; k++) mean[k] += v[0] * v[1 + k];
  }
  for (let k = 0; k < c; k++) mean[k] /= n;
  for (const v of all) {
    if (v[0] === 0) continue;
    for (let k = 0; k < c; k++) {
      const d = v[1 + k] - mean[k];
      m2[k] += v[1 + c + k] + v[0] * d * d;
    }
  }
  const variance = m2.map((s) => s / n);
  return { n, mean, variance };
}

/** sum_r(w_r * a_r) and sum_r(w_r * b_r) per channel over replicas' [w, a (C), b (C)], in rank order. */
export function weightedSums(all: Float64Array[], c: number) {
  const a = new Float64Array(c);
  const b = new Float64Array(c);
  for (const v of all) {
    const w = v[0];
    if (w === 0) continue;
    for (let k = 0; k < c; k++) {
      a[k] += w * v[1 + k];
      b[k] += w * v[1 + c + k];
    }
  }
  return { a, b };
}

/** A layer that takes part in SyncBatchNorm (TorchBatchNorm). */
interface Syncable {
  sync: BatchNormSync | null;
}

function syncable(layer: object): layer is Syncable {
  return 'sync' in layer;
}

/**
 * Sets (or, with null, clears) the exchange every BatchNorm layer of the model normalizes through
 * in train mode; returns how many layers there are. With no exchange set a layer is PyTorch's
 * BatchNorm on its own input, so eval passes, validation and K-fold never meet the other replicas.
 */
export function setBatchNormSync(model: LayersModel, sync: BatchNormSync | null): number {
  let n = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'TorchBatchNorm' || !syncable(layer)) continue;
    layer.sync = sync;
    n += 1;
  }
  return n;
}

/** The most channels of any BatchNorm layer of the model (0 without one): sizes the exchange's gathers. */
export function maxBatchNormChannels(model: LayersModel): number {
  let most = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'TorchBatchNorm') continue;
    const shape = layer.outputShape as number[];
    const axis = (layer as unknown as { cfg: { axis: number } }).cfg.axis;
    most = Math.max(most, shape[axis < 0 ? shape.length + axis : axis] ?? 0);
  }
  return most;
}

/** Values one replica gathers per BatchNorm exchange for `channels` channels ([count or weight, C values, C values]). */
export const syncStatsSize = (channels: number): number => (channels > 0 ? 1 + 2 * channels : 0);
