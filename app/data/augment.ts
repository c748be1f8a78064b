/**
 * The seed's five augmentations, on the fly per sample (training only), seeded, each with its
 * probability: random horizontal/vertical flip (`RandomHorizontalFlip(p)`), rotation by a uniform
 * angle in [-degrees, degrees] (`RandomRotation`), scale (`RandomAffine(scale=(lo, hi))`), random
 * crop with zero padding (`RandomCrop(size, padding)`: a random integer shift in [-pad, pad]) and
 * additive Gaussian noise. Geometry is one inverse affine map with bilinear sampling and zero fill,
 * so a sample is read once whatever the combination. On data normalized with `norm`, pass `norm`:
 * the fill is then normalized black and the noise std stays in pixel units ([0, 1]), so the result
 * equals normalizing the augmented pixels (the map is linear).
 */
import type { Rng } from './rng';
import type { ChannelStats } from './types';

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

const perChannel = (v: number[], c: number): number => (v.length === 1 ? v[0] : v[c]);

/** Augment one sample `src` (per-sample `shape`, [C, H, W] or [F]) into `dst` (same length, not `src`). */
export function augmentSample(
  src: Float32Array,
  dst: Float32Array,
  shape: number[],
  spec: AugmentSpec,
  rng: Rng,
  norm?: ChannelStats,
): void {
  const C = shape.length === 3 ? shape[0] : 1;
  const fill = Array.from({ length: C }, (_, c) => (norm ? -perChannel(norm.mean, c) / perChannel(norm.std, c) : 0));
  if (shape.length === 3) geometry(src, dst, shape, spec, rng, fill);
  else dst.set(src);
  const noise = spec.noise;
  if (noise && noise.std > 0 && hit(rng, noise.p ?? 1)) {
    const plane = dst.length / C;
    for (let c = 0; c < C; c++) {
      const std = norm ? noise.std / perChannel(norm.std, shape.length === 3 ? c : 0) : noise.std;
      for (let i = c * plane; i < (c + 1) * plane; i++) dst[i] += std * rng.normal();
    }
  }
}

/** One draw of the geometric augmentations: flips first, then rotation and scale about the centre, then the shift. */
export interface AffineParams {
  hflip: boolean;
  vflip: boolean;
  /** Degrees, counter-clockwise positive (torchvision's `rotate` / `affine` convention). */
  angle: number;
  scale: number;
  /** Shift in pixels (right, down). */
  tx: number;
  ty: number;
}

function geometry(
  src: Float32Array,
  dst: Float32Array,
  shape: number[],
  spec: AugmentSpec,
  rng: Rng,
  fill: number[],
): void {
  const hflip = hit(rng, spec.hflip);
  const vflip = hit(rng, spec.vflip);
  const angle = spec.rotate && hit(rng, spec.rotate.p ?? 1) ? rng.uniform(-1, 1) * spec.rotate.degrees : 0;
  const scale = spec.scale && hit(rng, spec.scale.p ?? 1) ? rng.uniform(spec.scale.min, spec.scale.max) : 1;
  let tx = 0;
  let ty = 0;
  if (spec.crop && spec.crop.padding > 0 && hit(rng, spec.crop.p ?? 1)) {
    const pad = Math.floor(spec.crop.padding);
    tx = rng.int(2 * pad + 1) - pad;
    ty = rng.int(2 * pad + 1) - pad;
  }
  applyAffine(src, dst, shape, { hflip, vflip, angle, scale, tx, ty }, fill);
}

/**
 * Apply one affine draw to a [C, H, W] sample with bilinear sampling; outside pixels take
 * `fill[c]`. Equals torchvision's `F.affine(img, angle, [tx, ty], scale, 0, BILINEAR)` on a tensor
 * (rotation about the pixel-centre ((W-1)/2, (H-1)/2), zeros outside) after the flips.
 */
export function applyAffine(
  src: Float32Array,
  dst: Float32Array,
  shape: number[],
  a: AffineParams,
  fill: number[] = [0],
): void {
  const [C, H, W] = shape;
  if (fill.length < C) fill = Array.from({ length: C }, (_, c) => fill[Math.min(c, fill.length - 1)]);
  const fx = a.hflip ? -1 : 1;
  const fy = a.vflip ? -1 : 1;
  const { tx, ty } = a;
  const s = a.scale;
  // the inverse map turns the output back by the angle: clockwise in index space (y down) for CCW
  const angle = (-a.angle * Math.PI) / 180;
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
        for (let c = 0; c < C; c++) dst[c * plane + y * W + x] = inside ? src[c * plane + sy * W + sx] : fill[c];
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
        for (let c = 0; c < C; c++) dst[c * plane + o] = fill[c];
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
        const f = fill[c];
        dst[c * plane + o] =
          w00 * (in00 ? src[b] : f) +
          w10 * (in10 ? src[b + 1] : f) +
          w01 * (in01 ? src[b + W] : f) +
          w11 * (in11 ? src[b + W + 1] : f);
      }
    }
  }
}

/** Augment `n` whole samples of `x` into a new array. */
export function augmentBatch(
  x: Float32Array,
  n: number,
  shape: number[],
  spec: AugmentSpec,
  rng: Rng,
  norm?: ChannelStats,
): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++)
    augmentSample(x.subarray(i * size, (i + 1) * size), out.subarray(i * size, (i + 1) * size), shape, spec, rng, norm);
  return out;
}

/** Augment a batch buffer in place (the training worker's per-batch hook; `scratch` is reused). */
export function augmentInPlace(
  x: Float32Array,
  n: number,
  shape: number[],
  spec: AugmentSpec,
  rng: Rng,
  norm?: ChannelStats,
): void {
  const size = shape.reduce((a, b) => a * b, 1);
  const scratch = new Float32Array(size);
  for (let i = 0; i < n; i++) {
    const sample = x.subarray(i * size, (i + 1) * size);
    scratch.set(sample);
    augmentSample(scratch, sample, shape, spec, rng, norm);
  }
}
