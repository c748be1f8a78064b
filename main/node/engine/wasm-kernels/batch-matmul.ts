// BatchMatMul for the wasm backend: tfjs-backend-wasm sends every product with a transposed
// operand (all the backward products of a Linear layer) to a scalar loop. This wrapper writes
// the transposed operand out once and hands the plain product to the backend's XNNPACK path.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, free, offsetOf, type WasmBackend } from './heap';
import { simdKernels } from './simd';
import { transpose2d } from './conv2d-backprop-input';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}
type Args = { inputs: { a: TensorInfo; b: TensorInfo }; backend: unknown; attrs: Attrs };

function batchOf(t: TensorInfo): number {
  return t.shape.slice(0, -2).reduce((p, d) => p * d, 1);
}

function transposedCopy(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const rows = t.shape[r - 2],
    cols = t.shape[r - 1];
  const out = alloc(backend, [cols, rows]);
  const simd = simdKernels(backend);
  if (simd) simd.swap_axes(offsetOf(backend, t), offsetOf(backend, out), rows, cols, 1);
  else transpose2d(f32(backend, t), rows, cols, f32(backend, out));
  return out;
}

export function makeBatchMatMul(original: KernelConfig): KernelConfig {
  function batchMatMul(args: Args): TensorInfo {
    const {
      inputs: { a, b },
      attrs,
    } = args;
    const plain = !attrs.transposeA && !attrs.transposeB;
    if (plain || batchOf(a) !== 1 || batchOf(b) !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original.kernelFunc(args as never) as TensorInfo;
    }
    const backend = asWasm(args.backend);
    const a2 = attrs.transposeA ? transposedCopy(backend, a) : a;
    const b2 = attrs.transposeB ? transposedCopy(backend, b) : b;
    const out = original.kernelFunc({
      inputs: { a: a2, b: b2 },
      backend: args.backend,
      attrs: { transposeA: false, transposeB: false },
    } as never) as TensorInfo;
    if (a2 !== a) free(backend, a2);
    if (b2 !== b) free(backend, b2);
    const outShape = [
      ...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2),
      out.shape[out.shape.length - 2],
      out.shape[out.shape.length - 1],
    ];
    return { ...out, shape: outShape };
  }
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: batchMatMul as unknown as KernelFunc,
  };
}
