// The gradient of ClipByValue (ReLU6 is tfjs-layers' ReLU with maxValue 6, a ClipByValue) as one
// kernel on wasm. tfjs-core's is where(logicalAnd(x >= min, x <= max), dy, zerosLike(dy)): five
// kernels and four full-size intermediates (two bool masks, their and, zeros), about 290 ms of a
// 1.6 s MobileNetV2 step at 32x32 (GreaterEqual, LessEqual, LogicalAnd, Select, ZerosLike).
// `NetloomClipGrad` computes the same values in one pass (SIMD clip_mask, JavaScript otherwise);
// the gradient registered for ClipByValue calls it on wasm and tfjs-core's own elsewhere.
import type * as TF from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, offsetOf } from './heap';
import { simdKernels } from './simd';

export const CLIP_GRAD_KERNEL = 'NetloomClipGrad';

interface ClipAttrs {
  clipValueMin: number;
  clipValueMax: number;
}

/** dz = min <= x <= max ? dy : 0, tfjs-core's inclusive bounds (a NaN x gives 0). */
export function clipGrad(dy: Float32Array, x: Float32Array, lo: number, hi: number, dz: Float32Array): void {
  for (let i = 0; i < dy.length; i++) dz[i] = x[i] >= lo && x[i] <= hi ? dy[i] : 0;
}

function kernelFunc(args: { inputs: { dy: TensorInfo; x: TensorInfo }; backend: unknown; attrs: ClipAttrs }) {
  const { dy, x } = args.inputs;
  const backend = asWasm(args.backend);
  const dz = alloc(backend, [...dy.shape]);
  const n = dy.shape.reduce((p, d) => p * d, 1);
  // the bounds as float32, as tfjs-core compares float32 tensors with float32 scalars
  const lo = Math.fround(args.attrs.clipValueMin),
    hi = Math.fround(args.attrs.clipValueMax);
  const simd = simdKernels(backend);
  if (simd) simd.clip_mask(offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, dz), n, lo, hi);
  else clipGrad(f32(backend, dy), f32(backend, x), lo, hi, f32(backend, dz));
  return dz;
}

export const clipGradConfig: KernelConfig = {
  kernelName: CLIP_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: kernelFunc as unknown as KernelFunc,
};

type Tf = Pick<typeof TF, 'getGradient' | 'registerGradient' | 'getBackend' | 'getKernel' | 'engine'>;

/**
 * Registers ClipByValue's gradient: the one kernel where the current backend has it (float32),
 * else the gradient it replaces. Returns false where tfjs-core has none to wrap.
 */
export function registerClipGradient(tf: Tf): boolean {
  const original = tf.getGradient('ClipByValue') as GradConfig | undefined;
  if (!original || original.gradFunc === undefined) return false;
  if ((original as { netloom?: boolean }).netloom) return true;
  const gradFunc = (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x] = saved;
    const d = dy as Tensor;
    if (x.dtype !== 'float32' || d.dtype !== 'float32' || tf.getKernel(CLIP_GRAD_KERNEL, tf.getBackend()) === undefined)
      return original.gradFunc(dy, saved, attrs);
    return { x: () => tf.engine().runKernel(CLIP_GRAD_KERNEL, { dy: d, x }, attrs) as Tensor };
  };
  tf.registerGradient({ ...original, gradFunc, netloom: true } as GradConfig);
  return true;
}
