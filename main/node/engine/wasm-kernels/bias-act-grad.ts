// NetloomBiasActGrad for the wasm backend: app/compiler/tfjs/custom/bias-act-grad.ts's ReLU mask
// and bias gradient over the heap, in the SIMD kernels where the runtime has them (the mask four
// lanes at a time; the channel sums in double precision over blocks of lcm(c, 4) values), else
// in the JavaScript version.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  BIAS_ACT_GRAD_KERNEL,
  biasActGrad,
  type BiasActGradAttrs,
} from '../../../../app/compiler/tfjs/custom/bias-act-grad';
import { alloc, asWasm, f32, free, offsetOf, type WasmBackend } from './heap';
import { simdKernels, type SimdKernels } from './simd';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** db[ch] = sum of src over every position of channel ch (src is [..., c]). */
export function channelSums(simd: SimdKernels, backend: WasmBackend, src: TensorInfo, c: number, db: TensorInfo): void {
  const n = src.shape.reduce((a, d) => a * d, 1);
  const period = (c * 4) / gcd(c, 4);
  const whole = n - (n % period);
  const acc = alloc(backend, [2 * period]); // `period` doubles
  const accView = new Float64Array(f32(backend, acc).buffer, offsetOf(backend, acc), period);
  accView.fill(0);
  if (whole > 0) simd.block_sums(offsetOf(backend, src), offsetOf(backend, acc), whole, period);
  const out = f32(backend, db);
  const sums = new Float64Array(c);
  for (let j = 0; j < period; j++) sums[j % c] += accView[j];
  const s = f32(backend, src);
  for (let i = whole; i < n; i++) sums[i % c] += s[i];
  for (let ch = 0; ch < c; ch++) out[ch] = sums[ch];
  free(backend, acc);
}

function biasActGradKernel(args: {
  inputs: { dy: TensorInfo; y?: TensorInfo };
  backend: unknown;
  attrs: BiasActGradAttrs;
}): TensorInfo[] {
  const {
    inputs: { dy, y },
    attrs,
  } = args;
  const backend = asWasm(args.backend);
  const c = dy.shape[dy.shape.length - 1] ?? 1;
  const n = dy.shape.reduce((a, d) => a * d, 1);
  const relu = attrs.relu && y !== undefined;
  const dz = relu ? alloc(backend, dy.shape) : null;
  const db = attrs.bias ? alloc(backend, [c]) : null;
  const simd = simdKernels(backend);
  if (simd) {
    if (dz && y) simd.relu_mask(offsetOf(backend, dy), offsetOf(backend, y), offsetOf(backend, dz), n);
    if (db) channelSums(simd, backend, dz ?? dy, c, db);
  } else {
    // Views only after the last allocation (an allocation may grow the heap and detach them).
    biasActGrad(
      f32(backend, dy),
      relu && y ? f32(backend, y) : null,
      c,
      dz && f32(backend, dz),
      db && f32(backend, db),
    );
  }
  return [dz, db].filter((t): t is TensorInfo => t !== null);
}

export const biasActGradConfig: KernelConfig = {
  kernelName: BIAS_ACT_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: biasActGradKernel as unknown as KernelFunc,
};
