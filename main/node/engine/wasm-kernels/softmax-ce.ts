// NetloomSoftmaxCrossEntropy for the wasm backend: app/training/fused-loss.ts's loss and logits
// gradient in one kernel over the heap (inputs logits [N, C] float32 and labels [N], int32 or
// float32; outputs the mean loss as a scalar and the gradient [N, C]).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { SOFTMAX_CE_KERNEL, softmaxCrossEntropy } from '../../../../app/training/fused-loss';
import { alloc, asWasm, f32 } from './heap';

function kernel(args: { inputs: { logits: TensorInfo; labels: TensorInfo }; backend: unknown }): TensorInfo[] {
  const {
    inputs: { logits, labels },
  } = args;
  const backend = asWasm(args.backend);
  const [n, c] = logits.shape;
  const loss = alloc(backend, []);
  const grad = alloc(backend, [n, c]);
  // Views only after the last allocation (an allocation may grow the heap and detach them).
  const raw = f32(backend, labels);
  const labelValues = labels.dtype === 'int32' ? new Int32Array(raw.buffer, raw.byteOffset, raw.length) : raw;
  f32(backend, loss)[0] = softmaxCrossEntropy(f32(backend, logits), labelValues, n, c, f32(backend, grad));
  return [loss, grad];
}

export const softmaxCrossEntropyConfig: KernelConfig = {
  kernelName: SOFTMAX_CE_KERNEL,
  backendName: 'wasm',
  kernelFunc: kernel as unknown as KernelFunc,
};
