import { describe, expect, it } from 'vitest';
import { augmentBatch, augmentSample, type AugmentSpec } from './augment';
import { parseAugment } from './augment-spec';
import { makeRng } from './rng';

const shape = [2, 3, 4];
const img = Float32Array.from({ length: 24 }, (_, i) => i + 1);
const at = (a: Float32Array, c: number, y: number, x: number) => a[c * 12 + y * 4 + x];

function once(src: Float32Array, spec: AugmentSpec, seed = 1, sh = shape): Float32Array {
  const out = new Float32Array(src.length);
  augmentSample(src, out, sh, spec, makeRng(seed));
  return out;
}

describe('augmentations', () => {
  it('horizontal and vertical flips mirror every channel; twice is the identity', () => {
    const h = once(img, { hflip: 1 });
    expect(h.length).toBe(24);
    for (let c = 0; c < 2; c++)
      for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) expect(at(h, c, y, x)).toBe(at(img, c, y, 3 - x));
    const v = once(img, { vflip: 1 });
    expect(at(v, 1, 0, 2)).toBe(at(img, 1, 2, 2));
    expect(once(h, { hflip: 1 })).toEqual(img);
    expect(once(v, { vflip: 1 })).toEqual(img);
    expect(once(once(img, { hflip: 1, vflip: 1 }), { hflip: 1, vflip: 1 })).toEqual(img);
  });
  it('flip probability p flips about p of the samples', () => {
    const rng = makeRng(5);
    let flipped = 0;
    const out = new Float32Array(24);
    for (let i = 0; i < 2000; i++) {
      augmentSample(img, out, shape, { hflip: 0.3 }, rng);
      if (out[0] !== img[0]) flipped++;
    }
    expect(flipped / 2000).toBeGreaterThan(0.27);
    expect(flipped / 2000).toBeLessThan(0.33);
  });
  it('random crop with padding shifts by whole pixels and fills with zeros', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = once(img, { crop: { padding: 1 } }, seed);
      // find the shift that explains the output
      const ok = [-1, 0, 1].some((ty) =>
        [-1, 0, 1].some((tx) => {
          for (let c = 0; c < 2; c++)
            for (let y = 0; y < 3; y++)
              for (let x = 0; x < 4; x++) {
                const sy = y - ty;
                const sx = x - tx;
                const want = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? at(img, c, sy, sx) : 0;
                if (at(out, c, y, x) !== want) return false;
              }
          return true;
        }),
      );
      expect(ok).toBe(true);
    }
  });
  it('rotation turns an off-centre dot around the centre, keeping its distance', () => {
    const sh = [1, 21, 21];
    const dot = new Float32Array(441);
    dot[10 * 21 + 18] = 1; // 8 px right of the centre (10, 10)
    for (let seed = 0; seed < 10; seed++) {
      const out = once(dot, { rotate: { degrees: 90 } }, seed, sh);
      let mass = 0;
      let mx = 0;
      let my = 0;
      out.forEach((v, i) => {
        mass += v;
        mx += v * (i % 21);
        my += v * Math.floor(i / 21);
      });
      expect(mass).toBeGreaterThan(0.9);
      expect(mass).toBeLessThan(1.1);
      expect(Math.hypot(mx / mass - 10, my / mass - 10)).toBeCloseTo(8, 0);
    }
  });
  it('scale zooms around the centre: 0.5 leaves a border of zeros, the centre kept', () => {
    const sh = [1, 9, 9];
    const ones = new Float32Array(81).fill(1);
    const out = once(ones, { scale: { min: 0.5, max: 0.5 } }, 1, sh);
    expect(out[4 * 9 + 4]).toBeCloseTo(1, 6);
    expect(out[0]).toBe(0);
    expect(out[8]).toBe(0);
    const big = once(ones, { scale: { min: 2, max: 2 } }, 1, sh);
    expect(big.every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
  });
  it('gaussian noise has the requested standard deviation', () => {
    const n = 200;
    const x = new Float32Array(n * 784);
    const out = augmentBatch(x, n, [1, 28, 28], { noise: { std: 0.1 } }, makeRng(3));
    let s = 0;
    let s2 = 0;
    for (const v of out) {
      s += v;
      s2 += v * v;
    }
    const mean = s / out.length;
    const std = Math.sqrt(s2 / out.length - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.098);
    expect(std).toBeLessThan(0.102);
  });
  it('is deterministic for a seed and keeps the shape; tables get noise only', () => {
    const spec: AugmentSpec = {
      hflip: 0.5,
      rotate: { degrees: 15 },
      scale: { min: 0.9, max: 1.1 },
      crop: { padding: 2 },
      noise: { std: 0.05 },
    };
    const x = Float32Array.from({ length: 5 * 24 }, (_, i) => (i % 7) / 7);
    const a = augmentBatch(x, 5, shape, spec, makeRng(11));
    expect(a.length).toBe(x.length);
    expect(augmentBatch(x, 5, shape, spec, makeRng(11))).toEqual(a);
    expect(augmentBatch(x, 5, shape, spec, makeRng(12))).not.toEqual(a);
    const t = once(Float32Array.from([1, 2, 3]), { hflip: 1, noise: { std: 0.5 } }, 1, [3]);
    expect(t.length).toBe(3);
    expect(Math.abs(t[0] - 1)).toBeLessThan(3);
  });
});

describe('parseAugment', () => {
  it('reads the CLI form with probabilities', () => {
    expect(parseAugment('flip,rotate=15,scale=0.9-1.1,crop=4,noise=0.05@0.5,vflip@0.2')).toEqual({
      ok: true,
      value: {
        hflip: 0.5,
        rotate: { degrees: 15, p: undefined },
        scale: { min: 0.9, max: 1.1, p: undefined },
        crop: { padding: 4, p: undefined },
        noise: { std: 0.05, p: 0.5 },
        vflip: 0.2,
      },
    });
    expect(parseAugment('')).toEqual({ ok: true, value: {} });
  });
  it('names the bad item', () => {
    expect((parseAugment('flip,blur=3') as { error: string }).error).toMatch(/'blur=3' is not known/);
    expect((parseAugment('rotate') as { error: string }).error).toMatch(/rotate needs degrees/);
    expect((parseAugment('scale=2-1') as { error: string }).error).toMatch(/scale needs a range/);
    expect((parseAugment('flip@2') as { error: string }).error).toMatch(/between 0 and 1/);
  });
});

describe('augmentation of normalized data', () => {
  it('equals normalizing the augmented pixels (fill and noise in pixel units)', async () => {
    const { allSamples } = await import('./samples');
    const { augmentInPlace } = await import('./augment');
    const norm = { mean: [0.2, 0.5], std: [0.3, 0.25] };
    const sh = [2, 9, 9];
    const x = Float32Array.from({ length: 3 * 162 }, (_, i) => ((i * 37) % 101) / 100);
    const spec: AugmentSpec = {
      hflip: 0.5,
      rotate: { degrees: 30 },
      scale: { min: 0.8, max: 1.2 },
      crop: { padding: 2 },
      noise: { std: 0.1 },
    };
    const normalized = (v: Float32Array) => allSamples({ shape: sh, x: v, n: 3, norm });
    const a = normalized(augmentBatch(x, 3, sh, spec, makeRng(4)));
    const b = normalized(x);
    augmentInPlace(b, 3, sh, spec, makeRng(4), norm);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 4);
  });
});
