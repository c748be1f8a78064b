// MaxPoolGrad and AvgPoolGrad for the wasm backend, written against the heap directly: one pass
// over the pooling windows, scattering dy into dx (the backend's own kernels loop over every
// dx pixel and every window that may cover it). Semantics are the cpu backend's: a max window
// routes its gradient to the first maximum in row-major window order; an average window spreads
// dy / (kh * kw) over its in-bounds pixels.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, offsetOf } from './heap';
import { simdKernels } from './simd';
import { poolGeometry, type Geometry } from './conv-info';

interface Attrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The common 2x2, stride 2, unpadded window: four compares per output, no bookkeeping arrays. */
function maxPool2x2Grad(x: Float32Array, dy: Float32Array, g: Geometry, dx: Float32Array): void {
  const { n, h, w, c, oh, ow } = g;
  dx.fill(0);
  const rowStep = w * c;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      let p = b * h * rowStep + 2 * y * rowStep;
      for (let xx = 0; xx < ow; xx++, p += c) {
        for (let ch = 0; ch < c; ch++, p++, o++) {
          let best = -Infinity,
            at = -1;
          const p1 = p + c,
            p2 = p + rowStep,
            p3 = p2 + c;
          if (x[p] > best) {
            best = x[p];
            at = p;
          }
          if (x[p1] > best) {
            best = x[p1];
            at = p1;
          }
          if (x[p2] > best) {
            best = x[p2];
            at = p2;
          }
          if (x[p3] > best) {
            at = p3;
          }
          if (at >= 0) dx[at] += dy[o];
        }
      }
    }
  }
}

export function maxPoolGradInto(x: Float32Array, dy: Float32Array, g: Geometry, dx: Float32Array): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && pt === 0 && pl === 0 && 2 * oh <= h && 2 * ow <= w) {
    maxPool2x2Grad(x, dy, g, dx);
    return;
  }
  const best = new Float32Array(c);
  const pos = new Int32Array(c);
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < n; b++) {
    const xb = b * h * w * c;
    for (let y = 0; y < oh; y++) {
      const y0 = y * sh - pt;
      const i0 = Math.max(0, y0),
        i1 = Math.min(h, y0 + kh);
      for (let xx = 0; xx < ow; xx++, o += c) {
        const x0 = xx * sw - pl;
        const j0 = Math.max(0, x0),
          j1 = Math.min(w, x0 + kw);
        best.fill(-Infinity);
        pos.fill(-1);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            const p = xb + (i * w + j) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[p + ch];
              if (v > best[ch]) {
                best[ch] = v;
                pos[ch] = p + ch;
              }
            }
          }
        }
        for (let ch = 0; ch < c; ch++) if (pos[ch] >= 0) dx[pos[ch]] += dy[o + ch];
      }
    }
  }
}

export function avgPoolGradInto(dy: Float32Array, g: Geometry, dx: Float32Array): void {
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  const scale = 1 / (kh * kw);
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < n; b++) {
    const xb = b * h * w * c;
    for (let y = 0; y < oh; y++) {
      const y0 = y * sh - pt;
      const i0 = Math.max(0, y0),
        i1 = Math.min(h, y0 + kh);
      for (let xx = 0; xx < ow; xx++, o += c) {
        const x0 = xx * sw - pl;
        const j0 = Math.max(0, x0),
          j1 = Math.min(w, x0 + kw);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            const p = xb + (i * w + j) * c;
            for (let ch = 0; ch < c; ch++) dx[p + ch] += dy[o + ch] * scale;
          }
        }
      }
    }
  }
}

function maxPoolGrad(args: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: unknown;
  attrs: Attrs;
}): TensorInfo {
  const {
    inputs: { dy, input },
    attrs,
  } = args;
  const backend = asWasm(args.backend);
  const g = poolGeometry(input.shape, attrs.filterSize, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  const dx = alloc(backend, input.shape);
  const simd = simdKernels(backend);
  const { n, h, w, c, oh, ow, kh, kw, sh, sw, pt, pl } = g;
  if (simd && kh === 2 && kw === 2 && sh === 2 && sw === 2 && pt === 0 && pl === 0 && h === 2 * oh && w === 2 * ow) {
    simd.maxpool2x2_grad(offsetOf(backend, input), offsetOf(backend, dy), offsetOf(backend, dx), n * oh, ow, c);
    return dx;
  }
  if (simd) {
    // Any other window (ResNet's 3x3, stride 2, padding 1): one pass over dy, four channels at a time.
    f32(backend, dx).fill(0);
    const [px, pdy, pdx] = [offsetOf(backend, input), offsetOf(backend, dy), offsetOf(backend, dx)];
    simd.maxpool_grad(px, pdy, pdx, n, h, w, c, oh, ow, kh, kw, sh, sw, pt, pl);
    return dx;
  }
  maxPoolGradInto(f32(backend, input), f32(backend, dy), g, f32(backend, dx));
  return dx;
}

function avgPoolGrad(args: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: unknown;
  attrs: Attrs;
}): TensorInfo {
  const {
    inputs: { dy, input },
    attrs,
  } = args;
  const backend = asWasm(args.backend);
  const g = poolGeometry(input.shape, attrs.filterSize, attrs.strides, attrs.pad, undefined);
  const dx = alloc(backend, input.shape);
  avgPoolGradInto(f32(backend, dy), g, f32(backend, dx));
  return dx;
}

export function makePoolGradConfigs(originals: { max?: KernelConfig; avg?: KernelConfig }): KernelConfig[] {
  return [
    {
      kernelName: 'MaxPoolGrad',
      backendName: 'wasm',
      setupFunc: originals.max?.setupFunc,
      kernelFunc: maxPoolGrad as unknown as KernelFunc,
    },
    {
      kernelName: 'AvgPoolGrad',
      backendName: 'wasm',
      setupFunc: originals.avg?.setupFunc,
      kernelFunc: avgPoolGrad as unknown as KernelFunc,
    },
  ];
}
