// NetloomOptimizerStep for the wasm backend: app/training/fused-step.ts's update (torch.optim's
// SGD, Adam, AdamW) over the parameter, gradient and state tensors in place on the heap, one
// kernel per parameter instead of four to a dozen.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  FUSED_OPTIMIZER_KERNEL,
  fusedUpdate,
  slotCount,
  type FusedStepAttrs,
} from '../../../../app/training/fused-step';
import { alloc, asWasm, f32, offsetOf } from './heap';
import { simdKernels } from './simd';

type Inputs = { p: TensorInfo; g: TensorInfo; s0?: TensorInfo; s1?: TensorInfo; s2?: TensorInfo };

function optimizerStep(args: { inputs: Inputs; backend: unknown; attrs: FusedStepAttrs }): TensorInfo[] {
  const { inputs, attrs } = args;
  const backend = asWasm(args.backend);
  const outs = Array.from({ length: 1 + slotCount(attrs) }, () => alloc(backend, inputs.p.shape));
  const simd = attrs.rule === 'sgd' ? simdKernels(backend) : null;
  if (simd) {
    const at = (t: TensorInfo | undefined | null) => (t ? offsetOf(backend, t) : 0);
    const first = inputs.s0 === undefined;
    simd.sgd_step(
      at(inputs.p),
      at(inputs.g),
      at(inputs.s0),
      at(outs[0]),
      at(outs[1]),
      outs[0].shape.reduce((a, d) => a * d, 1),
      attrs.lr,
      attrs.wd,
      attrs.momentum,
      attrs.dampening,
      attrs.nesterov ? 1 : 0,
      first ? 1 : 0,
    );
    return outs;
  }
  // Views only after the last allocation (an allocation may grow the heap and detach them).
  const slot = (t: TensorInfo | undefined) => (t ? f32(backend, t) : null);
  fusedUpdate(
    attrs,
    f32(backend, inputs.p),
    f32(backend, inputs.g),
    [slot(inputs.s0), slot(inputs.s1), slot(inputs.s2)],
    outs.map((o) => f32(backend, o)),
  );
  return outs;
}

export const optimizerStepConfig: KernelConfig = {
  kernelName: FUSED_OPTIMIZER_KERNEL,
  backendName: 'wasm',
  kernelFunc: optimizerStep as unknown as KernelFunc,
};
