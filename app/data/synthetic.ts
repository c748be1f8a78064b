/**
 * The built-in dataset: 28x28 grayscale images of ten procedurally drawn shapes at random
 * position, size and rotation, with noise. No file, no network; seeded; a LeNet-5 or small MLP
 * learns it to high accuracy within an epoch or two. The default dataset of a new project.
 */
import { makeRng, type Rng } from './rng';
import { SYNTHETIC_CLASSES } from './classes';
import type { Dataset, SourceSplits } from './types';

const SIZE = 28;
const SQRT1_2 = Math.SQRT1_2;

/** Is the point (u, v) of the shape's own frame (radius about 1) inside shape `k`? */
function inside(k: number, u: number, v: number): boolean {
  const r2 = u * u + v * v;
  switch (k) {
    case 0:
      return r2 < 0.72;
    case 1:
      return r2 > 0.3 && r2 < 0.9;
    case 2:
      return Math.abs(u) < 0.7 && Math.abs(v) < 0.7;
    case 3: {
      const a = Math.max(Math.abs(u), Math.abs(v));
      return a < 0.8 && a > 0.45;
    }
    case 4:
      return v < 0.6 && v > -0.9 && Math.abs(u) < ((v + 0.9) * 0.9) / 1.5;
    case 5:
      return (Math.abs(u) < 0.22 && Math.abs(v) < 0.9) || (Math.abs(v) < 0.22 && Math.abs(u) < 0.9);
    case 6: {
      const a = (u + v) * SQRT1_2;
      const b = (u - v) * SQRT1_2;
      return (Math.abs(a) < 0.22 && Math.abs(b) < 0.9) || (Math.abs(b) < 0.22 && Math.abs(a) < 0.9);
    }
    case 7: {
      const phi = Math.atan2(v, u) + Math.PI / 2;
      const f = ((((phi * 5) / (2 * Math.PI)) % 1) + 1) % 1;
      const t = Math.abs(f - 0.5) * 2;
      const rr = 0.38 + 0.6 * (1 - t) * (1 - t);
      return r2 < rr * rr;
    }
    case 8:
      return (u - 0.5) * (u - 0.5) + v * v < 0.13 || (u + 0.5) * (u + 0.5) + v * v < 0.13;
    default:
      return v > -0.35 && u * u + (v + 0.35) * (v + 0.35) < 0.8;
  }
}

const SUB = [0.25, 0.75];

/** Draw one sample of class `k` into `out` (SIZE * SIZE values in [0, 1]). */
function draw(k: number, rng: Rng, out: Float32Array): void {
  const cx = SIZE / 2 + rng.uniform(-4, 4);
  const cy = SIZE / 2 + rng.uniform(-4, 4);
  const radius = rng.uniform(7, 11);
  const theta = (rng.uniform(-20, 20) * Math.PI) / 180;
  const cos = Math.cos(theta) / radius;
  const sin = Math.sin(theta) / radius;
  const ink = rng.uniform(0.7, 1);
  const bg = rng.uniform(0, 0.1);
  // every shape lies within 1.15 radii of its centre (the frame's corners): skip pixels beyond
  const reach2 = (1.15 * radius + 1) ** 2;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      const far = (px + 0.5 - cx) ** 2 + (py + 0.5 - cy) ** 2 > reach2;
      if (!far)
        for (const sy of SUB) {
          for (const sx of SUB) {
            const dx = px + sx - cx;
            const dy = py + sy - cy;
            if (inside(k, dx * cos + dy * sin, -dx * sin + dy * cos)) hits++;
          }
        }
      const value = bg + (hits / 4) * ink + rng.normal() * 0.05;
      out[py * SIZE + px] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
}

/** `n` samples, classes in equal shares (shuffled), reproducible from `seed`. */
export function syntheticDataset(n: number, seed: number): Dataset {
  const rng = makeRng(seed);
  const x = new Float32Array(n * SIZE * SIZE);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = i % 10;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = y[i];
    y[i] = y[j];
    y[j] = t;
  }
  for (let i = 0; i < n; i++) draw(y[i], rng, x.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE));
  return { shape: [1, SIZE, SIZE], x, y, n, classes: SYNTHETIC_CLASSES.slice() };
}

export const SYNTHETIC_DEFAULTS = { trainSize: 10000, testSize: 2000, seed: 1 };

export function syntheticSource(
  trainSize = SYNTHETIC_DEFAULTS.trainSize,
  testSize = SYNTHETIC_DEFAULTS.testSize,
  seed = SYNTHETIC_DEFAULTS.seed,
): SourceSplits {
  return {
    name: 'synthetic',
    train: syntheticDataset(trainSize, seed),
    test: syntheticDataset(testSize, seed + 1_000_003),
  };
}
