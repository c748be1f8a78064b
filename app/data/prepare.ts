/**
 * From a loaded source to what the training loop takes: the source's train split divided into
 * train and validation (seeded, stratified), a test split (the source's own, else carved out),
 * an optional limit, and per-channel normalization with statistics from the training part only
 * (never from validation or test). Augmentation stays per batch (augmentInPlace with `stats`).
 */
import { err, ok, type Result } from '../result';
import { parseAugment } from './augment-spec';
import type { AugmentSpec } from './augment';
import { computeStats, normalizeInPlace } from './normalize';
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
  let stats: ChannelStats | null = null;
  if (s.normalize !== 'none') {
    stats = s.normalize === 'auto' ? computeStats(train) : s.normalize;
    const own = (d: Dataset | undefined) => (d && (d === src.train || d === src.test) ? { ...d, x: d.x.slice() } : d);
    train = own(train) as Dataset;
    val = own(val);
    test = own(test);
    for (const d of [train, val, test]) {
      if (!d) continue;
      const r = normalizeInPlace(d.x, d.shape, stats);
      if (!r.ok) return err(`dataset.normalize: ${r.error}`);
    }
  }
  return ok({ train, val, test, stats, augment: aug.value, classes: src.train.classes });
}
