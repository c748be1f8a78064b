/**
 * The project's WGSL kernels for tfjs's `webgpu` backend, where tfjs-backend-webgpu lacks a
 * kernel or computes something else than the cpu backend (and PyTorch). Registered once per
 * thread when the engine picks WebGPU, after tfjs-backend-webgpu is imported.
 *   PadV2   above rank 4 (tfjs's shader does not compile); dilated Conv2d spreads its kernel with it
 * Checked and left to tfjs (they equal the cpu backend, layers.test.ts): pooling with padding and
 * ceil_mode (the compiler pads explicitly), grouped and depthwise convolution and their
 * gradients, BatchNorm's batch statistics, LRN, resampling, every activation and softmax.
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { Tf } from '../../../../../app/compiler/tfjs/tf';
import { makePadV2 } from './pad';
import { setDispatchUtil } from './program';

const MARK = Symbol.for('netloom.webgpuKernels');

export const WEBGPU_KERNELS = ['PadV2'] as const;

type Registry = Pick<Tf, 'registerKernel' | 'unregisterKernel' | 'getKernel'>;

function put(tf: Registry, config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, 'webgpu') !== undefined) tf.unregisterKernel(config.kernelName, 'webgpu');
  tf.registerKernel(config);
}

/** `webgpuUtil` is tfjs-backend-webgpu's exported webgpu_util (dispatch sizes). */
export function registerWebGpuKernels(
  tf: Registry,
  webgpuUtil: Parameters<typeof setDispatchUtil>[0],
): readonly string[] {
  setDispatchUtil(webgpuUtil);
  const registry = globalThis as Record<symbol, unknown>;
  if (registry[MARK] === true) return WEBGPU_KERNELS;
  put(tf, makePadV2(tf.getKernel('PadV2', 'webgpu')));
  registry[MARK] = true;
  return WEBGPU_KERNELS;
}
