// Shared by the tests of this folder: runs the same computation on the cpu and wasm backends
// (wasm with the project's kernels registered) and compares within a relative tolerance.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from './index';

export { tf };

export async function ready(): Promise<void> {
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
  await tf.ready();
}

/** A small seeded generator (mulberry32), so failing cases are repeatable. */
export function rng(seed: number): {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
} {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

export function randomValues(r: { next(): number }, size: number): Float32Array {
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = r.next() * 2 - 1;
  return v;
}

/** Runs fn on a backend and returns the values of its result(s), leaving no tensors behind. */
export async function on(backend: 'cpu' | 'wasm', fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(fn);
  const list = Array.isArray(outs) ? outs : [outs];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

/** Largest |a - b| / max(1, |b|) over all elements; shapes must agree. */
export function maxRelError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

/** A convolution's padding as the tests give it to tfjs: a mode, PyTorch's numeric padding, or explicit pads. */
export type ConvPad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

/** One convolution geometry of the convolution tests: x [n, h, w, c], a k[0] x k[1] kernel to oc channels. */
export interface ConvCase {
  n: number;
  h: number;
  w: number;
  c: number;
  oc: number;
  k: [number, number];
  s: number;
  /** Dilation (1 when absent). */
  d?: number;
  pad: ConvPad;
}
