// Identity for the wasm backend without a copy: the backend's own copies the tensor's bytes,
// and tfjs-core calls Identity for every tf.clone and inside custom gradients (fused conv and
// fused matmul save their inputs and outputs through it), about twenty copies per LeNet step.
// Like the cpu backend's, this one shares the data and counts a reference; no kernel writes
// into its inputs, so sharing is safe.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

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
