// NetloomOptimizerStep for the wasm backend: app/training/fused-step.ts's update (torch.optim's
// SGD, Adam, AdamW) over the parameter, gradient and state tensors on the heap, one kernel per
// parameter instead of four to a dozen. With the `inPlace` attribute the new state slots (SGD's
// momentum buffer, Adam's moments) overwrite the old ones when no other tensor shares their
// storage, as torch.optim does; each element is read before it is written, so the update is the
// same. The parameter itself always gets fresh storage: kernels cache what they derive from a
// weight by its tensor id (XNNPACK's convolution and fully connected operators keep packed copies
// of the filter, freed when the tensor is), so a parameter overwritten in place would be read as
// its old packed copy by the next step's convolution (LeNet-5 trained to NaN that way).
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
 * [s0, ...] when the update can overwrite them: every slot of the rule exists (the first step
 * creates them), and the slots, p and g are distinct storages, no slot shared with another tensor.
 */
function inPlaceSlots(backend: WasmBackend, inputs: Inputs, attrs: FusedStepAttrs): TensorInfo[] | null {
  const k = slotCount(attrs);
  if (!attrs.inPlace || k === 0) return null;
  const slots = [inputs.s0, inputs.s1, inputs.s2].slice(0, k);
  if (slots.some((s) => s === undefined)) return null;
  const targets = slots as TensorInfo[];
  const ids = new Set([inputs.p.dataId, inputs.g.dataId, ...targets.map((t) => t.dataId)]);
  if (ids.size !== targets.length + 2) return null;
  return targets.every((t) => backend.refCount(t.dataId) === 1) ? targets : null;
}

function optimizerStep(args: { inputs: Inputs; backend: unknown; attrs: FusedStepAttrs }): TensorInfo[] {
  const { inputs, attrs } = args;
  const backend = asWasm(args.backend);
  const inPlace = inPlaceSlots(backend, inputs, attrs);
  const newP = alloc(backend, inputs.p.shape);
  const slotsOut = inPlace ?? Array.from({ length: slotCount(attrs) }, () => alloc(backend, inputs.p.shape));
  const outs = [newP, ...slotsOut];
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
    return inPlace ? [newP] : outs;
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
  return inPlace ? [newP] : outs;
}

export const optimizerStepConfig: KernelConfig = {
  kernelName: FUSED_OPTIMIZER_KERNEL,
  backendName: 'wasm',
  kernelFunc: optimizerStep as unknown as KernelFunc,
};
