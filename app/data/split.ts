/**
 * Train/validation/test splits (as `torch.utils.data.random_split(ds, [50000, 10000])`, by counts
 * or fractions), seeded and optionally stratified, and K-fold cross-validation folds.
 */
import { err, ok, type Result } from '../result';
import { makeRng, permutation } from './rng';
import type { Dataset } from './types';

export interface SplitOptions {
  seed?: number;
  /** Keep each class's share the same in every part (labels needed). */
  stratified?: boolean;
}

/** Counts from counts (summing to n) or fractions (summing to 1, remainder dealt round-robin as PyTorch does). */
export function resolveLengths(n: number, lengths: number[]): Result<number[]> {
  if (lengths.length === 0) return err('split: give at least one length.');
  if (lengths.some((l) => !Number.isFinite(l) || l < 0))
    return err(`split: lengths must be non-negative numbers, got [${lengths.join(', ')}].`);
  const sum = lengths.reduce((a, b) => a + b, 0);
  const allInts = lengths.every((l) => Number.isInteger(l));
  if (allInts && sum === n) return ok(lengths.slice());
  if (Math.abs(sum - 1) < 1e-6 && lengths.every((l) => l <= 1)) {
    const counts = lengths.map((f) => Math.floor(n * f));
    let rest = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]++;
    return ok(counts);
  }
  return err(
    `split: lengths [${lengths.join(', ')}] must be counts summing to the dataset size ${n} or fractions summing to 1.`,
  );
}

/** Index lists of each part. `labels` is needed when stratified. */
export function splitIndices(
  n: number,
  lengths: number[],
  opts: SplitOptions = {},
  labels?: Int32Array,
): Result<Int32Array[]> {
  const counts = resolveLengths(n, lengths);
  if (!counts.ok) return counts;
  const rng = makeRng(opts.seed ?? 0);
  let order: Int32Array;
  if (opts.stratified) {
    if (!labels || labels.length !== n) return err('split: a stratified split needs one label per sample.');
    order = stratifiedOrder(labels, rng.next() * 2 ** 31);
  } else {
    order = permutation(n, rng);
  }
  const parts: Int32Array[] = [];
  let at = 0;
  for (const c of counts.value) {
    parts.push(order.slice(at, at + c));
    at += c;
  }
  return ok(parts);
}

/**
 * An order of all samples in which every class is spread evenly: the r-th of a class's m
 * (shuffled) members gets the key (r + 0.5) / m, samples are sorted by key (random tie-break).
 * Any contiguous cut then holds each class in proportion (within one sample).
 */
export function stratifiedOrder(labels: Int32Array, seed: number): Int32Array {
  const n = labels.length;
  const rng = makeRng(seed);
  const perm = permutation(n, rng);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const seen = new Map<number, number>();
  const key = new Float64Array(n);
  const tie = new Float64Array(n);
  for (const i of perm) {
    const l = labels[i];
    const r = seen.get(l) ?? 0;
    seen.set(l, r + 1);
    key[i] = (r + 0.5) / (counts.get(l) as number);
    tie[i] = rng.next();
  }
  const idx = Array.from(perm);
  idx.sort((a, b) => key[a] - key[b] || tie[a] - tie[b]);
  return Int32Array.from(idx);
}

/** The samples at `indices`, as a new Dataset (stored as the source stores them: bytes stay bytes). */
export function subset(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const size = ds.shape.reduce((a, b) => a * b, 1);
  const n = indices.length;
  const x = ds.x instanceof Uint8Array ? new Uint8Array(n * size) : new Float32Array(n * size);
  const y = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    x.set(ds.x.subarray(i * size, (i + 1) * size), k * size);
    y[k] = ds.y[i];
  }
  return { shape: ds.shape.slice(), x, y, n, classes: ds.classes, ...(ds.norm ? { norm: ds.norm } : {}) };
}

/** Split a dataset into parts of the given counts or fractions (e.g. [50000, 10000] or [0.8, 0.1, 0.1]). */
export function splitDataset(ds: Dataset, lengths: number[], opts: SplitOptions = {}): Result<Dataset[]> {
  const parts = splitIndices(ds.n, lengths, opts, ds.y);
  if (!parts.ok) return parts;
  return ok(parts.value.map((p) => subset(ds, p)));
}

export interface Fold {
  train: Int32Array;
  val: Int32Array;
}

/**
 * K folds over n samples: fold i validates on the i-th of k near-equal parts (the first n % k parts
 * one larger) and trains on the rest; every sample is validated on exactly once. With labels, stratified.
 */
export function kFold(n: number, k: number, seed = 0, labels?: Int32Array): Result<Fold[]> {
  if (!Number.isInteger(k) || k < 2) return err(`kfold: K must be an integer of at least 2, got ${k}.`);
  if (k > n) return err(`kfold: K = ${k} folds need at least ${k} samples; the dataset has ${n}.`);
  const order = labels ? stratifiedOrder(labels, seed) : permutation(n, makeRng(seed));
  // Contiguous cuts of the order; a stratified order holds every class in proportion in any cut.
  const foldOf = new Int32Array(n);
  const sizes = new Array<number>(k).fill(0);
  const base = Math.floor(n / k);
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < n % k ? 1 : 0);
    for (let j = at; j < at + size; j++) foldOf[order[j]] = f;
    at += size;
  }
  for (let i = 0; i < n; i++) sizes[foldOf[i]]++;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const val = new Int32Array(sizes[f]);
    const train = new Int32Array(n - sizes[f]);
    let v = 0;
    let t = 0;
    for (let j = 0; j < n; j++) {
      const i = order[j];
      if (foldOf[i] === f) val[v++] = i;
      else train[t++] = i;
    }
    folds.push({ train, val });
  }
  return ok(folds);
}
