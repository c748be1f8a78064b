/**
 * K-fold cross-validation over train+validation: the K (train, val) dataset pairs, and the
 * summary of per-fold metrics (mean and sample standard deviation, as reported for K-fold
 * results) with the best fold.
 */
import { ok, type Result } from '../result';
import { kFold } from './split';
import { subset } from './split';
import type { Dataset } from './types';

export interface FoldData {
  fold: number;
  train: Dataset;
  val: Dataset;
}

/** The K folds of `ds` as datasets (stratified by label when asked). */
export function kFoldDatasets(ds: Dataset, k: number, seed = 0, stratified = true): Result<FoldData[]> {
  const folds = kFold(ds.n, k, seed, stratified ? ds.y : undefined);
  if (!folds.ok) return folds;
  return ok(folds.value.map((f, i) => ({ fold: i + 1, train: subset(ds, f.train), val: subset(ds, f.val) })));
}

export interface FoldSummary {
  metric: string;
  values: number[];
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one fold. */
  std: number;
  /** 1-based fold with the best value. */
  best_fold: number;
}

/** Mean, std and best fold of one metric over folds; `higherIsBetter` for accuracy, not for loss. */
export function summarizeFolds(metric: string, values: number[], higherIsBetter: boolean): FoldSummary {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  let best = 0;
  for (let i = 1; i < n; i++) if (higherIsBetter ? values[i] > values[best] : values[i] < values[best]) best = i;
  return { metric, values, mean, std, best_fold: best + 1 };
}
