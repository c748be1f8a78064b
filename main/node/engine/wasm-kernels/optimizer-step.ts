// NetloomOptimizerStep for the wasm backend: app/training/fused-step.ts's update (torch.optim's
// SGD, Adam, AdamW) over the parameter, gradient and state tensors in place on the heap, one
// kernel per parameter instead of four to a dozen. With the `inPlace` attribute the new values
// overwrite p and the slots when no other tensor shares their storage (ResNet-18, SGD with
// momentum: 7.0 instead of 9.5-9.9 CPU-ms per step, since fresh outputs cost the allocator and
// a read of every output cache line before it is written); each element is read before it is
// written, so the update is the same.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  FUSED_OPTIMIZER_KERNEL,
  fusedUpdate,
  slotCount,
  type FusedStepAttrs,
} from '../../../../app/training/fused-step';
import { alloc, asWasm, f32, offsetOf, type WasmBackend } from './heap';
import { simdKernels } from './simd';

type Inputs = { p: TensorInfo; g: TensorInfo; s0?: TensorInfo; s1?: TensorInfo; s2?: TensorInfo };

/**
 * [p, s0, ...] when the update can overwrite them: every slot of the rule exists (the first step
 * creates them) and p, the slots and g are distinct storages that no other tensor shares.
 */
function inPlaceTargets(backend: WasmBackend, inputs: Inputs, attrs: FusedStepAttrs): TensorInfo[] | null {
  if (!attrs.inPlace) return null;
  const slots = [inputs.s0, inputs.s1, inputs.s2].slice(0, slotCount(attrs));
  if (slots.some((s) => s === undefined)) return null;
  const targets = [inputs.p, ...(slots as TensorInfo[])];
  const ids = new Set([inputs.g.dataId, ...targets.map((t) => t.dataId)]);
  if (ids.size !== targets.length + 1) return null;
  return targets.every((t) => backend.refCount(t.dataId) === 1) ? targets : null;
}

function optimizerStep(args: { inputs: Inputs; backend: unknown; attrs: FusedStepAttrs }): TensorInfo[] {
  const { inputs, attrs } = args;
  const backend = asWasm(args.backend);
  const targets = inPlaceTargets(backend, inputs, attrs);
  const outs = targets ?? Array.from({ length: 1 + slotCount(attrs) }, () => alloc(backend, inputs.p.shape));
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
    return targets ? [] : outs;
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
  return targets ? [] : outs;
}

export const optimizerStepConfig: KernelConfig = {
  kernelName: FUSED_OPTIMIZER_KERNEL,
  backendName: 'wasm',
  kernelFunc: optimizerStep as unknown as KernelFunc,
};
