// Sum and Mean over every axis but the last (per-channel reductions of an NHWC tensor: BatchNorm's
// batch statistics and the gradients of its per-channel broadcasts, 100 or so per ResNet-18 step).
// tfjs-backend-wasm moves the reduced axes innermost with a Transpose first and then reduces; here
// the channels are summed in one pass over the tensor as it lies, in double precision (the SIMD
// block sums of bias-act-grad.ts, or a JavaScript loop without SIMD). Other reductions go to the
// kernel this wraps.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32 } from './heap';
import { simdKernels } from './simd';
import { channelSums } from './bias-act-grad';

interface Args {
  inputs: { x: TensorInfo };
  backend: unknown;
  attrs: { axis: number | number[]; keepDims?: boolean };
}

/** Whether `axis` is every axis of a rank-`rank` tensor but the last. */
export function allButLast(axis: number | number[], rank: number): boolean {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort(
    (p, q) => p - q,
  );
  return rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}

let enabled = true;

/** Off: every Sum and Mean goes to tfjs-wasm's own kernel (tests compare; benchmarks time both). */
export function setChannelReduce(on: boolean): void {
  enabled = on;
}

export function makeChannelReduce(original: KernelConfig, mean: boolean): KernelConfig {
  const kernelFunc = ((args: Args) => {
    const { x } = args.inputs;
    const rank = x.shape.length;
    if (!enabled || x.dtype !== 'float32' || !allButLast(args.attrs.axis, rank))
      return original.kernelFunc(args as never);
    const backend = asWasm(args.backend);
    const c = x.shape[rank - 1];
    const count = x.shape.reduce((p, d) => p * d, 1) / Math.max(c, 1);
    const out = alloc(backend, args.attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), c] : [c]);
    const simd = simdKernels(backend);
    if (simd && c > 0) {
      channelSums(simd, backend, x, c, out);
      if (mean) {
        const o = f32(backend, out);
        for (let ch = 0; ch < c; ch++) o[ch] = count > 0 ? o[ch] / count : NaN;
      }
    } else {
      const v = f32(backend, x),
        o = f32(backend, out);
      const sums = new Float64Array(c);
      for (let i = 0; i < v.length; i++) sums[i % c] += v[i];
      for (let ch = 0; ch < c; ch++) o[ch] = mean ? (count > 0 ? sums[ch] / count : NaN) : sums[ch];
    }
    return out;
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}
