/**
 * Reading a dataset's samples as the network sees them: bytes (image pixels) become byte / 255
 * as `transforms.ToTensor()` makes them, then the dataset's normalization, if it has one, is
 * applied as `transforms.Normalize(mean, std)` does. The stored arrays are never changed, so one
 * source serves every split, fold and run without a float32 copy of it (a uint8 image dataset
 * takes a quarter of the memory it would as float32).
 *
 * The values are bit for bit what converting to float32 and normalizing in place gave before
 * (x = fround(byte / 255), then fround((x - mean) * (1 / std))): bytes go through a table of
 * 256 values per channel built with that arithmetic.
 */
import { BYTE_VALUES, checkStats, layout } from './normalize';
import type { Dataset } from './types';

/** What reading samples needs of a dataset. */
export type Samples = Pick<Dataset, 'shape' | 'x' | 'norm'>;

/** Values per sample. */
export function sampleSize(ds: Pick<Dataset, 'shape'>): number {
  return ds.shape.reduce((a, b) => a * b, 1);
}

/** How one dataset's samples are read: per channel, the mean and 1/std, and for bytes a table of values. */
interface Reader {
  channels: number;
  plane: number;
  mean: number[] | null;
  inv: number[] | null;
  /** bytes: 256 values per channel (normalized when the dataset is). */
  table: Float32Array | null;
}

const readers = new WeakMap<Samples, Reader>();

function readerOf(ds: Samples): Reader {
  let r = readers.get(ds);
  if (r) return r;
  const { channels, plane } = layout(ds.shape);
  let mean: number[] | null = null;
  let inv: number[] | null = null;
  if (ds.norm) {
    // normalize() and prepareData check the statistics before they set them; this is the last guard.
    const checked = checkStats(ds.norm, channels);
    if (!checked.ok) throw new Error(checked.error);
    mean = checked.value.mean;
    inv = checked.value.std.map((s) => 1 / s);
  }
  let table: Float32Array | null = null;
  if (ds.x instanceof Uint8Array) {
    table = new Float32Array(256 * channels);
    for (let c = 0; c < channels; c++)
      for (let v = 0; v < 256; v++)
        table[c * 256 + v] = mean && inv ? (BYTE_VALUES[v] - mean[c]) * inv[c] : BYTE_VALUES[v];
  }
  r = { channels, plane, mean, inv, table };
  readers.set(ds, r);
  return r;
}

/** Writes sample `i`'s values (decoded, normalized) into `out` from `at`. */
export function readSample(ds: Samples, i: number, out: Float32Array, at = 0): void {
  const r = readerOf(ds);
  const size = r.channels * r.plane;
  const from = i * size;
  const x = ds.x;
  if (r.table) {
    const bytes = x as Uint8Array;
    for (let c = 0; c < r.channels; c++) {
      const base = c * 256;
      const s = from + c * r.plane;
      const o = at + c * r.plane;
      for (let k = 0; k < r.plane; k++) out[o + k] = r.table[base + bytes[s + k]];
    }
    return;
  }
  const values = x as Float32Array;
  if (!r.mean || !r.inv) {
    out.set(values.subarray(from, from + size), at);
    return;
  }
  for (let c = 0; c < r.channels; c++) {
    const m = r.mean[c];
    const k = r.inv[c];
    const s = from + c * r.plane;
    const o = at + c * r.plane;
    for (let j = 0; j < r.plane; j++) out[o + j] = (values[s + j] - m) * k;
  }
}

/** `count` samples from `start` as one new array (a batch's input). */
export function readSamples(ds: Samples, start: number, count: number): Float32Array {
  const size = sampleSize(ds);
  const out = new Float32Array(count * size);
  for (let k = 0; k < count; k++) readSample(ds, start + k, out, k * size);
  return out;
}

/** Every sample as float32 values (for a consumer that needs the whole array, e.g. a .npy file). */
export function allSamples(ds: Samples & { n: number }): Float32Array {
  return readSamples(ds, 0, ds.n);
}

/** Sample `i` as stored, before normalization: pixels in [0, 1] for images (previews, pictures of samples). */
export function rawSample(ds: Samples, i: number): Float32Array {
  const out = new Float32Array(sampleSize(ds));
  readSample({ ...ds, norm: undefined }, i, out);
  return out;
}
