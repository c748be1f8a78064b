import { describe, expect, it } from 'vitest';
import { rawBatches } from '../training/batches';
import { normalize } from './normalize';
import { allSamples, rawSample, readSample, readSamples } from './samples';
import { subset } from './split';
import type { Dataset } from './types';

// Every byte value in each of 3 channels of 2x2 planes, over 64 samples (256 * 3 = 768 values).
const shape = [3, 2, 2];
const n = 64;
const bytes = Uint8Array.from({ length: n * 12 }, (_, i) => (i * 37 + 11) % 256);
const images: Dataset = { shape, x: bytes, y: Int32Array.from({ length: n }, (_, i) => i % 10), n, classes: [] };
const stats = { mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] };

/** What the engine computed before samples were read lazily: float32 pixels, then (x - mean) * (1 / std) in place. */
function eager(x: Uint8Array | Float32Array, norm: typeof stats | null): Float32Array {
  const f = x instanceof Uint8Array ? Float32Array.from(x, (v) => v / 255) : x.slice();
  if (norm)
    for (let i = 0; i < f.length; i++)
      f[i] = (f[i] - norm.mean[Math.floor(i / 4) % 3]) * (1 / norm.std[Math.floor(i / 4) % 3]);
  return f;
}

describe('reading samples', () => {
  it('bytes read as byte / 255, bit for bit the float32 pixels of ToTensor', () => {
    expect(allSamples(images)).toEqual(eager(bytes, null));
  });

  it('normalized bytes are bit for bit the pixels normalized in place', () => {
    const r = normalize(images, stats);
    if (!r.ok) throw new Error(r.error);
    expect(allSamples(r.value.dataset)).toEqual(eager(bytes, stats));
    // one channel's statistics for all three, as Normalize((m,), (s,)) broadcasts
    const one = normalize(images, { mean: [0.5], std: [0.25] });
    if (!one.ok) throw new Error(one.error);
    expect(allSamples(one.value.dataset)).toEqual(eager(bytes, { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }));
  });

  it('normalized float32 values are bit for bit the values normalized in place', () => {
    const floats = Float32Array.from(bytes, (v) => v / 97 - 1.3);
    const r = normalize({ ...images, x: floats }, stats);
    if (!r.ok) throw new Error(r.error);
    expect(allSamples(r.value.dataset)).toEqual(eager(floats, stats));
    expect(allSamples({ ...images, x: floats })).toEqual(floats);
  });

  it('reads one sample, a range, and a batch in any order into place', () => {
    const r = normalize(images, stats);
    if (!r.ok) throw new Error(r.error);
    const ds = r.value.dataset;
    const all = eager(bytes, stats);
    const out = new Float32Array(30).fill(7);
    readSample(ds, 5, out, 9);
    expect(out.subarray(9, 21)).toEqual(all.subarray(60, 72));
    expect(out[8]).toBe(7);
    expect(out[21]).toBe(7);
    expect(readSamples(ds, 3, 4)).toEqual(all.subarray(36, 84));
    const order = Int32Array.from([9, 2, 63]);
    const [batch] = [...rawBatches(ds, 3, order)];
    expect(batch.x).toEqual(
      Float32Array.from([...all.subarray(108, 120), ...all.subarray(24, 36), ...all.subarray(756, 768)]),
    );
    expect(Array.from(batch.y)).toEqual([9, 2, 3]);
  });

  it('a raw sample is the stored pixels, before normalization (pictures of samples)', () => {
    const r = normalize(images, stats);
    if (!r.ok) throw new Error(r.error);
    expect(rawSample(r.value.dataset, 2)).toEqual(eager(bytes, null).subarray(24, 36));
  });

  it('subsets keep bytes as bytes and keep the normalization', () => {
    const r = normalize(images, stats);
    if (!r.ok) throw new Error(r.error);
    const part = subset(r.value.dataset, [4, 1]);
    expect(part.x).toBeInstanceOf(Uint8Array);
    expect(part.norm).toEqual(r.value.stats);
    const all = eager(bytes, stats);
    expect(allSamples(part)).toEqual(Float32Array.from([...all.subarray(48, 60), ...all.subarray(12, 24)]));
  });
});
