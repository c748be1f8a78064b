/** Per-channel normalization, as `transforms.Normalize(mean, std)`: x' = (x - mean[c]) / std[c]. */
import { err, ok, type Result } from '../result';
import type { ChannelStats, Dataset } from './types';

/** The seed's MNIST statistics: `Normalize((0.1307,), (0.3081,))`. */
export const MNIST_STATS: ChannelStats = { mean: [0.1307], std: [0.3081] };

/** Channels and values per channel of a per-sample shape ([C, H, W] images; [F] tables count as F channels of 1). */
export function layout(shape: number[]): { channels: number; plane: number } {
  if (shape.length === 1) return { channels: shape[0], plane: 1 };
  const channels = shape[0];
  return { channels, plane: shape.slice(1).reduce((a, b) => a * b, 1) };
}

/** byte / 255 as float32: the value `transforms.ToTensor()` gives a pixel stored as a byte. */
export const BYTE_VALUES: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let v = 0; v < 256; v++) t[v] = v / 255;
  return t;
})();

/** Mean and (population) standard deviation of each channel over all samples, as stored (before any `norm`). */
export function computeStats(ds: Dataset): ChannelStats {
  const { channels, plane } = layout(ds.shape);
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  const size = channels * plane;
  const bytes = ds.x instanceof Uint8Array ? ds.x : null;
  const values = ds.x;
  for (let s = 0; s < ds.n; s++) {
    for (let c = 0; c < channels; c++) {
      const o = s * size + c * plane;
      let a = 0;
      let b = 0;
      for (let i = 0; i < plane; i++) {
        const v = bytes ? BYTE_VALUES[bytes[o + i]] : values[o + i];
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

/**
 * The dataset normalized on every read (app/data/samples.ts), its stored values shared, not
 * copied; computes the statistics from it when none are given.
 */
export function normalize(ds: Dataset, stats?: ChannelStats): Result<{ dataset: Dataset; stats: ChannelStats }> {
  const s = stats ?? computeStats(ds);
  const fitted = checkStats(s, layout(ds.shape).channels);
  if (!fitted.ok) return fitted;
  return ok({ dataset: { ...ds, norm: fitted.value }, stats: fitted.value });
}
