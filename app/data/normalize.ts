/** Per-channel normalization, as `transforms.Normalize(mean, std)`: x' = (x - mean[c]) / std[c]. */
import { err, ok, type Result } from '../result';
import type { ChannelStats, Dataset } from './types';

/** The seed's MNIST statistics: `Normalize((0.1307,), (0.3081,))`. */
export const MNIST_STATS: ChannelStats = { mean: [0.1307], std: [0.3081] };

/** Channels and values per channel of a per-sample shape ([C, H, W] images; [F] tables count as F channels of 1). */
function layout(shape: number[]): { channels: number; plane: number } {
  if (shape.length === 1) return { channels: shape[0], plane: 1 };
  const channels = shape[0];
  return { channels, plane: shape.slice(1).reduce((a, b) => a * b, 1) };
}

/** Mean and (population) standard deviation of each channel over all samples. */
export function computeStats(ds: Dataset): ChannelStats {
  const { channels, plane } = layout(ds.shape);
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  const size = channels * plane;
  for (let s = 0; s < ds.n; s++) {
    for (let c = 0; c < channels; c++) {
      const o = s * size + c * plane;
      let a = 0;
      let b = 0;
      for (let i = 0; i < plane; i++) {
        const v = ds.x[o + i];
        a += v;
        b += v * v;
      }
      sum[c] += a;
      sq[c] += b;
    }
  }
  const count = Math.max(1, ds.n * plane);
  const mean = Array.from(sum, (v) => v / count);
  const std = Array.from(sq, (v, c) => Math.sqrt(Math.max(0, v / count - mean[c] * mean[c])));
  return { mean, std };
}

export function checkStats(stats: ChannelStats, channels: number): Result<ChannelStats> {
  const { mean, std } = stats;
  const fit = (a: number[]) => (a.length === 1 ? new Array<number>(channels).fill(a[0]) : a);
  const m = fit(mean);
  const s = fit(std);
  if (m.length !== channels || s.length !== channels) {
    return err(
      `normalize: the data has ${channels} channel(s) but mean has ${mean.length} and std ${std.length} values; give one per channel (or one for all).`,
    );
  }
  if (s.some((v) => !(v > 0)))
    return err(
      `normalize: every std must be above 0, got [${std.join(', ')}] (a constant channel cannot be normalized).`,
    );
  return ok({ mean: m, std: s });
}

/** Normalize values in place (`x` holds whole samples of `shape`). */
export function normalizeInPlace(x: Float32Array, shape: number[], stats: ChannelStats): Result<void> {
  const { channels, plane } = layout(shape);
  const checked = checkStats(stats, channels);
  if (!checked.ok) return checked;
  const { mean, std } = checked.value;
  const size = channels * plane;
  const inv = std.map((s) => 1 / s);
  for (let o = 0; o < x.length; o += size) {
    for (let c = 0; c < channels; c++) {
      const m = mean[c];
      const k = inv[c];
      const start = o + c * plane;
      for (let i = start; i < start + plane; i++) x[i] = (x[i] - m) * k;
    }
  }
  return ok(undefined);
}

/** A normalized copy of a dataset; computes the statistics from it when none are given. */
export function normalize(ds: Dataset, stats?: ChannelStats): Result<{ dataset: Dataset; stats: ChannelStats }> {
  const s = stats ?? computeStats(ds);
  const x = ds.x.slice();
  const r = normalizeInPlace(x, ds.shape, s);
  if (!r.ok) return r;
  const channels = layout(ds.shape).channels;
  const fitted = checkStats(s, channels);
  if (!fitted.ok) return fitted;
  return ok({ dataset: { ...ds, x }, stats: fitted.value });
}
