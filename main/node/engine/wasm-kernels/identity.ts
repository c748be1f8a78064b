// Identity for the wasm backend without a copy: the backend's own copies the tensor's bytes,
// and tfjs-core calls Identity for every tf.clone and inside custom gradients (fused conv and
// fused matmul save their inputs and outputs through it), about twenty copies per LeNet step.
// Like the cpu backend's, this one shares the data and counts a reference; no kernel writes
// into its inputs, so sharing is safe.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackend } from './heap';

interface RefCounting {
  incRef(dataId: object): void;
}

export function makeIdentity(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: { inputs: { x: TensorInfo }; backend: unknown }) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return original.kernelFunc(args as never);
    (args.backend as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}

let castShares = true;

/** Off: a same-dtype Cast copies again, as tfjs-wasm's does (benchmarks time both). */
export function setCastShares(on: boolean): void {
  castShares = on;
}

/**
 * Cast to the dtype a tensor already has, shared the same way: tfjs-core's gradient of Multiply
 * casts both operands to float32 (every BatchNorm and residual product), and tfjs-wasm's Cast
 * copies the bytes even then (26 copies of [64,4,4,128] alone per ResNet-18 step). A cast to
 * bool is x != 0 (tfjs-wasm's stores the low byte of the number: -2.2 became 254, 0.4 became 0);
 * other conversions go to the kernel this wraps.
 */
export function makeCast(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: { inputs: { x: TensorInfo }; backend: unknown; attrs: { dtype: string } }) => {
    const { x } = args.inputs;
    if (args.attrs.dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
      const backend = args.backend as WasmBackend;
      const out = backend.makeOutput(x.shape, 'bool' as never);
      const size = x.shape.reduce((p, d) => p * d, 1);
      const heap = backend.wasm.HEAPU8.buffer;
      const at = backend.dataIdMap.get(x.dataId).memoryOffset;
      const from = x.dtype === 'float32' ? new Float32Array(heap, at, size) : new Int32Array(heap, at, size);
      const to = new Uint8Array(heap, backend.dataIdMap.get(out.dataId).memoryOffset, size);
      for (let i = 0; i < size; i++) to[i] = from[i] !== 0 ? 1 : 0;
      return out;
    }
    if (!castShares || x.dtype === 'string' || args.attrs.dtype !== x.dtype) return original.kernelFunc(args as never);
    (args.backend as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}
