/**
 * From a loaded source to what the training loop takes: the source's train split divided into
 * train and validation (seeded, stratified), a test split (the source's own, else carved out),
 * an optional limit, and per-channel normalization with statistics from the training part only
 * (never from validation or test). Augmentation stays per batch (augmentInPlace with `stats`).
 */
import { err, ok, type Result } from '../result';
import { parseAugment } from './augment-spec';
import type { AugmentSpec } from './augment';
import { checkStats, computeStats, layout } from './normalize';
import type { DatasetSettings } from './settings';
import { splitIndices, subset } from './split';
import type { ChannelStats, Dataset, SourceSplits } from './types';

export interface PreparedData {
  train: Dataset;
  val?: Dataset;
  test?: Dataset;
  /** The normalization applied to all three (null: none). */
  stats: ChannelStats | null;
  augment: AugmentSpec;
  classes: string[];
}

function parts(ds: Dataset, fractions: number[], seed: number, stratified: boolean): Result<Dataset[]> {
  const n = ds.n;
  const counts = fractions.map((f) => Math.round(n * f));
  counts[0] = n - counts.slice(1).reduce((a, b) => a + b, 0);
  const idx = splitIndices(n, counts, { seed, stratified }, ds.y);
  if (!idx.ok) return idx;
  return ok(idx.value.map((p) => subset(ds, p)));
}

export function prepareData(
  src: SourceSplits,
  s: DatasetSettings,
  valSplit: number,
  seed: number,
): Result<PreparedData> {
  const aug = parseAugment(s.augment);
  if (!aug.ok) return err(`dataset.augment: ${aug.error}`);
  let pool = src.train;
  let test = src.test;
  if (!test && s.testSplit > 0) {
    const p = parts(pool, [1 - s.testSplit, s.testSplit], seed + 7919, s.stratified);
    if (!p.ok) return p;
    [pool, test] = p.value;
  }
  if (s.limit !== null && s.limit < pool.n) {
    const p = parts(pool, [s.limit / pool.n, 1 - s.limit / pool.n], seed + 104729, s.stratified);
    if (!p.ok) return p;
    pool = p.value[0];
  }
  let train = pool;
  let val: Dataset | undefined;
  if (valSplit > 0) {
    const p = parts(pool, [1 - valSplit, valSplit], seed, s.stratified);
    if (!p.ok) return p;
    [train, val] = p.value;
  }
  if (train.n === 0)
    return err(
      `dataset: no training samples left after the splits (${src.train.n} in the source; val_split ${valSplit}, testSplit ${s.testSplit}).`,
    );
  const normed = normalizeSplits({ train, val, test }, s.normalize === 'auto' ? computeStats(train) : s.normalize);
  if (!normed.ok) return normed;
  return ok({ ...normed.value, augment: aug.value, classes: src.train.classes });
}

export interface Splits {
  train: Dataset;
  val?: Dataset;
  test?: Dataset;
}

/**
 * The splits normalized on every read with `stats` (checked against the channels; null or 'none':
 * unchanged). No values are copied: the splits keep sharing the source's arrays.
 */
export function normalizeSplits(
  splits: Splits,
  stats: ChannelStats | 'none' | null,
): Result<Splits & { stats: ChannelStats | null }> {
  if (stats === null || stats === 'none') return ok({ ...splits, stats: null });
  const checked = checkStats(stats, layout(splits.train.shape).channels);
  if (!checked.ok) return err(`dataset.normalize: ${checked.error}`);
  const norm = checked.value;
  const put = (d: Dataset | undefined) => (d ? { ...d, norm } : d);
  return ok({ train: { ...splits.train, norm }, val: put(splits.val), test: put(splits.test), stats });
}
