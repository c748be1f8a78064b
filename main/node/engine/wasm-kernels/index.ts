// The project's training kernels for tfjs's wasm backend. The engine calls
// registerWasmTrainingKernels(tf) once when it chooses the wasm backend (before or after
// tf.setBackend('wasm'); calling it again does nothing).
import type * as TF from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { makeConv2DBackpropFilter } from './conv2d-backprop-filter';
import { makeConv2DBackpropInput } from './conv2d-backprop-input';
import { makePoolGradConfigs } from './pool-grad';
import { depthwiseBackpropConfigs } from './depthwise-backprop';
import { makeBatchMatMul, makeFusedMatMul } from './batch-matmul';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';
import { PADDED_FORWARD_KERNELS, withExplicitPad } from './numeric-padding';
import { makeCast, makeIdentity } from './identity';
import { optimizerStepConfig } from './optimizer-step';
import { biasActGradConfig } from './bias-act-grad';
import { softmaxCrossEntropyConfig } from './softmax-ce';
import { withWholeMap } from './whole-map-forward';
import { makeChannelReduce } from './channel-reduce';
import { batchNormKernelConfigs } from './batchnorm';
import { makeConcat, makeSlice, makeSplitV } from './copy-kernels';
import { clipGradConfig, registerClipGradient } from './clip-grad';
import { BN_KERNELS } from '../../../../app/compiler/tfjs/custom/batchnorm-fused';
import { reluGradConfig } from '../../../../app/compiler/tfjs/custom/bias-act-grad';

type Tf = Pick<
  typeof TF,
  'registerKernel' | 'unregisterKernel' | 'getKernel' | 'getBackend' | 'engine' | 'getGradient' | 'registerGradient'
>;

const MARK = Symbol.for('netloom.wasmTrainingKernels');

/** Names of the kernels this module registers (replaced or added) for the wasm backend. */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'MaxPoolGrad',
  'AvgPoolGrad',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'BatchMatMul',
  '_FusedMatMul',
  'UnsortedSegmentSum',
  'Identity',
  'Cast',
  'NetloomOptimizerStep',
  'NetloomBiasActGrad',
  'NetloomSoftmaxCrossEntropy',
  ...BN_KERNELS,
  'Sum',
  'Mean',
  'Slice',
  'SplitV',
  'Concat',
  'NetloomClipGrad',
  ...PADDED_FORWARD_KERNELS,
] as const;

function put(tf: Tf, config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, 'wasm') !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
  tf.registerKernel(config);
}

/**
 * Registers the training kernels for backend 'wasm', and ReLU's and ClipByValue's (ReLU6's)
 * gradients (for every backend: they run tfjs's own where the backend lacks NetloomBiasActGrad or
 * NetloomClipGrad). Needs @tensorflow/tfjs-backend-wasm imported
 * first (its kernels are wrapped: their setup still runs when the backend starts).
 * Returns the kernel names registered.
 */
export function registerWasmTrainingKernels(tf: Tf): readonly string[] {
  const registry = globalThis as Record<symbol, unknown>;
  if (registry[MARK] === true) return WASM_TRAINING_KERNELS;
  const original = (name: string): KernelConfig | undefined => tf.getKernel(name, 'wasm');
  const batchMatMul = original('BatchMatMul');
  if (batchMatMul === undefined) {
    throw new Error(
      'registerWasmTrainingKernels: import @tensorflow/tfjs-backend-wasm before registering its training kernels.',
    );
  }
  const conv2d = original('Conv2D'),
    transpose = original('Transpose');
  put(tf, makeConv2DBackpropFilter(conv2d && transpose ? { conv2d, transpose } : null));
  put(tf, makeConv2DBackpropInput(original('Conv2DBackpropInput'), conv2d));
  for (const c of makePoolGradConfigs({ max: original('MaxPoolGrad'), avg: original('AvgPoolGrad') })) put(tf, c);
  for (const c of depthwiseBackpropConfigs) put(tf, c);
  const ownBatchMatMul = makeBatchMatMul(batchMatMul);
  put(tf, ownBatchMatMul);
  const fusedMatMul = original('_FusedMatMul');
  if (fusedMatMul !== undefined) put(tf, makeFusedMatMul(fusedMatMul, ownBatchMatMul));
  put(tf, unsortedSegmentSumConfig);
  put(tf, optimizerStepConfig);
  put(tf, biasActGradConfig);
  put(tf, softmaxCrossEntropyConfig);
  for (const c of batchNormKernelConfigs) put(tf, c);
  for (const [name, mean] of [
    ['Sum', false],
    ['Mean', true],
  ] as const) {
    const reduce = original(name);
    if (reduce !== undefined) put(tf, makeChannelReduce(reduce, mean));
  }
  for (const [name, make] of [
    ['Slice', makeSlice],
    ['SplitV', makeSplitV],
    ['Concat', makeConcat],
  ] as const) {
    const copy = original(name);
    if (copy !== undefined) put(tf, make(copy));
  }
  put(tf, clipGradConfig);
  registerClipGradient(tf);
  const identity = original('Identity');
  if (identity !== undefined) put(tf, makeIdentity(identity));
  const cast = original('Cast');
  if (cast !== undefined) put(tf, makeCast(cast));
  for (const name of PADDED_FORWARD_KERNELS) {
    const forward = original(name);
    if (forward === undefined) continue;
    const padded = withExplicitPad(forward);
    put(tf, name === 'Conv2D' || name === 'FusedConv2D' ? withWholeMap(padded) : padded);
  }
  // ReLU's gradient as one NetloomBiasActGrad kernel where the backend has it (tfjs's own elsewhere).
  const reluGrad = tf.getGradient('Relu');
  if (reluGrad !== undefined) tf.registerGradient(reluGradConfig(tf, reluGrad));
  registry[MARK] = true;
  return WASM_TRAINING_KERNELS;
}
