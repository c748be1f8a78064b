/**
 * The data of one K-fold run: the project's usual test split is carved out exactly as in a plain
 * run (and never trained or validated on), the rest (train + validation pool) is cut into K folds
 * (seeded, stratified when the dataset settings say so); fold i validates on its own part and
 * trains on the other K-1. Normalization statistics come from the fold's training part only.
 */
import { kFoldDatasets } from '../../../app/data/kfold';
import { computeStats } from '../../../app/data/normalize';
import { normalizeSplits, prepareData, type PreparedData } from '../../../app/data/prepare';
import type { DatasetSettings } from '../../../app/data/settings';
import type { SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';

export interface FoldSpec {
  /** Number of folds (at least 2). */
  k: number;
  /** 1-based fold to train. */
  index: number;
}

export function prepareFoldData(
  src: SourceSplits,
  s: DatasetSettings,
  seed: number,
  fold: FoldSpec,
): Result<PreparedData & { pool: number }> {
  if (!Number.isInteger(fold.index) || fold.index < 1 || fold.index > fold.k)
    return err(`kfold: fold ${fold.index} is not one of 1..${fold.k}.`);
  const base = prepareData(src, { ...s, normalize: 'none' }, 0, seed);
  if (!base.ok) return base;
  const folds = kFoldDatasets(base.value.train, fold.k, seed, s.stratified);
  if (!folds.ok) return folds;
  const f = folds.value[fold.index - 1];
  const { train, val } = f;
  // The folds' splits are fresh subsets; the test split may be the source's own: none is copied,
  // each is normalized on every read.
  const normed = normalizeSplits(
    { train, val, test: base.value.test },
    s.normalize === 'auto' ? computeStats(train) : s.normalize,
  );
  if (!normed.ok) return normed;
  return ok({ ...base.value, ...normed.value, pool: base.value.train.n });
}
