/**
 * The seed's five augmentations, on the fly per sample (training only), seeded, each with its
 * probability: random horizontal/vertical flip (`RandomHorizontalFlip(p)`), rotation by a uniform
 * angle in [-degrees, degrees] (`RandomRotation`), scale (`RandomAffine(scale=(lo, hi))`), random
 * crop with zero padding (`RandomCrop(size, padding)`: a random integer shift in [-pad, pad]) and
 * additive Gaussian noise. Geometry is one inverse affine map with bilinear sampling and zero fill,
 * so a sample is read once whatever the combination. Apply before normalization (fill 0 = black).
 */
import type { Rng } from './rng';

export interface AugmentSpec {
  hflip?: number;
  vflip?: number;
  rotate?: { degrees: number; p?: number };
  scale?: { min: number; max: number; p?: number };
  crop?: { padding: number; p?: number };
  noise?: { std: number; p?: number };
}

const hit = (rng: Rng, p: number | undefined): boolean => p !== undefined && p > 0 && (p >= 1 || rng.next() < p);

/** Is anything enabled? */
export function isIdentity(spec: AugmentSpec): boolean {
  return !spec.hflip && !spec.vflip && !spec.rotate && !spec.scale && !spec.crop && !spec.noise;
}

/** Augment one sample `src` (per-sample `shape`, [C, H, W] or [F]) into `dst` (same length, not `src`). */
export function augmentSample(src: Float32Array, dst: Float32Array, shape: number[], spec: AugmentSpec, rng: Rng): void {
  if (shape.length === 3) geometry(src, dst, shape, spec, rng);
  else dst.set(src);
  const noise = spec.noise;
  if (noise && noise.std > 0 && hit(rng, noise.p ?? 1)) {
    for (let i = 0; i < dst.length; i++) dst[i] += noise.std * rng.normal();
  }
}

function geometry(src: Float32Array, dst: Float32Array, shape: number[], spec: AugmentSpec, rng: Rng): void {
  const [C, H, W] = shape;
  const fx = hit(rng, spec.hflip) ? -1 : 1;
  const fy = hit(rng, spec.vflip) ? -1 : 1;
  const angle = spec.rotate && hit(rng, spec.rotate.p ?? 1) ? ((rng.uniform(-1, 1) * spec.rotate.degrees) * Math.PI) / 180 : 0;
  const s = spec.scale && hit(rng, spec.scale.p ?? 1) ? rng.uniform(spec.scale.min, spec.scale.max) : 1;
  let tx = 0;
  let ty = 0;
  if (spec.crop && spec.crop.padding > 0 && hit(rng, spec.crop.p ?? 1)) {
    const pad = Math.floor(spec.crop.padding);
    tx = rng.int(2 * pad + 1) - pad;
    ty = rng.int(2 * pad + 1) - pad;
  }
  const plane = H * W;
  if (angle === 0 && s === 1) {
    // flips and integer shifts: an exact copy by index
    for (let y = 0; y < H; y++) {
      const sy0 = y - ty;
      const sy = fy < 0 ? H - 1 - sy0 : sy0;
      for (let x = 0; x < W; x++) {
        const sx0 = x - tx;
        const sx = fx < 0 ? W - 1 - sx0 : sx0;
        const inside = sx0 >= 0 && sx0 < W && sy0 >= 0 && sy0 < H;
        for (let c = 0; c < C; c++) dst[c * plane + y * W + x] = inside ? src[c * plane + sy * W + sx] : 0;
      }
    }
    return;
  }
  // inverse map: output (x, y) -> centered, undo shift, undo rotation and scale, undo flips
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  const cos = Math.cos(angle) / s;
  const sin = Math.sin(angle) / s;
  for (let y = 0; y < H; y++) {
    const v = y - cy - ty;
    for (let x = 0; x < W; x++) {
      const u = x - cx - tx;
      const sx = fx * (cos * u + sin * v) + cx;
      const sy = fy * (-sin * u + cos * v) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const ax = sx - x0;
      const ay = sy - y0;
      const o = y * W + x;
      if (x0 < -1 || y0 < -1 || x0 >= W || y0 >= H) {
        for (let c = 0; c < C; c++) dst[c * plane + o] = 0;
        continue;
      }
      const in00 = x0 >= 0 && y0 >= 0;
      const in10 = x0 + 1 < W && y0 >= 0;
      const in01 = x0 >= 0 && y0 + 1 < H;
      const in11 = x0 + 1 < W && y0 + 1 < H;
      const w00 = (1 - ax) * (1 - ay);
      const w10 = ax * (1 - ay);
      const w01 = (1 - ax) * ay;
      const w11 = ax * ay;
      const i00 = y0 * W + x0;
      for (let c = 0; c < C; c++) {
        const b = c * plane + i00;
        let acc = 0;
        if (in00) acc += w00 * src[b];
        if (in10) acc += w10 * src[b + 1];
        if (in01) acc += w01 * src[b + W];
        if (in11) acc += w11 * src[b + W + 1];
        dst[c * plane + o] = acc;
      }
    }
  }
}

/** Augment `n` whole samples of `x` into a new array. */
export function augmentBatch(x: Float32Array, n: number, shape: number[], spec: AugmentSpec, rng: Rng): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++) augmentSample(x.subarray(i * size, (i + 1) * size), out.subarray(i * size, (i + 1) * size), shape, spec, rng);
  return out;
}
