/**
 * Memory anticipated before training or an export starts, and size limits checked before tfjs
 * allocates. Pure arithmetic on the analysis; the host compares it with the memory the system has
 * available (main/node/reliability/memory-budget.ts).
 *
 * Training, in float32 elements (4 bytes each), from what the worker really holds at its peak
 * (measured: a 267-million-parameter Linear trained with SGD peaks at 4.4 GB, estimated 4.5 GB):
 *   weights                 total parameters
 *   gradients               trainable parameters
 *   optimizer state         slots x trainable: SGD 1 with momentum (else 0), Adam/AdamW 2 (3 with
 *                           amsgrad), RMSprop 1 (+1 centered, +1 momentum)
 *   then the larger of
 *     a step                the update's temporaries (1 x trainable: each new value exists before
 *                           the old one is freed) + activations: 2 x activation elements per sample
 *                           x batch (the forward outputs kept for backward, and their gradients)
 *                           x OVERHEAD_FACTOR 1.5 for the backend's scratch (layout copies, im2col)
 *     a checkpoint          2 x (weights + optimizer state): read out of the backend, then joined
 *                           into the one buffer that is written
 *   plus RUNTIME_BYTES for Node, TensorFlow.js and the batches in flight.
 *
 * Size limits (LIMITS): a network with more parameters, or a sample with more activation elements,
 * is refused before anything is allocated (a mistyped 1e9 must not become a multi-gigabyte buffer).
 */
import type { GraphAnalysis } from '../shapes/types';
import type { TrainingSettings } from './settings';

export const BYTES_PER_ELEMENT = 4;
export const OVERHEAD_FACTOR = 1.5;
/** Node, TensorFlow.js and the batches in flight, beside the network's own tensors. */
export const RUNTIME_BYTES = 256 * 2 ** 20;
export const LIMITS = {
  /** 2^28 parameters = 1 GiB of float32 weights (ResNet-152 has 60 million). */
  parameters: 2 ** 28,
  /** 2^27 activation elements per sample = 512 MiB per sample (ResNet-50 at 224x224: about 11 million). */
  activationElements: 2 ** 27,
};

export interface MemoryEstimate {
  /** The peak, all parts below together (the step or the checkpoint, whichever is larger). */
  bytes: number;
  parameters: number;
  gradients: number;
  optimizer: number;
  /** The update step's temporaries. */
  update: number;
  activations: number;
  /** Writing a checkpoint: weights and optimizer state read out, then joined into one buffer. */
  checkpoint: number;
  runtime: number;
  batch_size: number;
}

type Sizes = Pick<GraphAnalysis, 'totalParams' | 'trainableParams' | 'activationElements'>;
type OptimizerSettings = Pick<TrainingSettings, 'optimizer' | 'momentum' | 'amsgrad' | 'centered'>;

export function optimizerSlots(s: OptimizerSettings): number {
  switch (s.optimizer) {
    case 'sgd':
      return s.momentum > 0 ? 1 : 0;
    case 'adam':
    case 'adamw':
      return s.amsgrad ? 3 : 2;
    case 'rmsprop':
      return 1 + (s.centered ? 1 : 0) + (s.momentum > 0 ? 1 : 0);
  }
}

export function estimateTrainingMemory(sizes: Sizes, s: OptimizerSettings & { batch_size: number }): MemoryEstimate {
  const b = BYTES_PER_ELEMENT;
  const parameters = sizes.totalParams * b;
  const gradients = sizes.trainableParams * b;
  const optimizer = optimizerSlots(s) * sizes.trainableParams * b;
  const update = sizes.trainableParams * b;
  const activations = 2 * sizes.activationElements * s.batch_size * b * OVERHEAD_FACTOR;
  const checkpoint = 2 * (parameters + optimizer);
  const bytes = parameters + gradients + optimizer + Math.max(update + activations, checkpoint) + RUNTIME_BYTES;
  return {
    bytes,
    parameters,
    gradients,
    optimizer,
    update,
    activations,
    checkpoint,
    runtime: RUNTIME_BYTES,
    batch_size: s.batch_size,
  };
}

/** The largest batch size (a power of two, at most `max`) whose estimate fits `budget` bytes, or 0. */
export function largestFittingBatch(sizes: Sizes, s: OptimizerSettings, budget: number, max: number): number {
  let best = 0;
  for (let n = 1; n <= max; n *= 2) {
    if (estimateTrainingMemory(sizes, { ...s, batch_size: n }).bytes <= budget) best = n;
  }
  return best;
}

export const gib = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;

/** The person's fix when a run would not fit `budget` bytes; null when it fits. */
export function checkTrainingMemory(
  sizes: Sizes,
  s: OptimizerSettings & { batch_size: number },
  budget: number,
): string | null {
  const e = estimateTrainingMemory(sizes, s);
  if (e.bytes <= budget) return null;
  const what = `training needs about ${gib(e.bytes)} at batch_size ${s.batch_size} (weights and gradients ${gib(e.parameters + e.gradients)}, optimizer state ${gib(e.optimizer)}, activations ${gib(e.activations)}, saving a checkpoint ${gib(e.checkpoint)}), more than the ${gib(budget)} available`;
  const fits = largestFittingBatch(sizes, s, budget, s.batch_size - 1);
  if (fits > 0) return `${what}: set batch_size to ${fits} or less.`;
  return `${what}, even at batch_size 1: make the network smaller (fewer channels or features, a smaller input).`;
}

/** Refuses networks beyond LIMITS (checked on the analysis, before any tensor exists); null when within. */
export function checkSizeLimits(sizes: Pick<GraphAnalysis, 'totalParams' | 'activationElements'>): string | null {
  if (!Number.isFinite(sizes.totalParams) || sizes.totalParams > LIMITS.parameters) {
    return `the network has ${sizes.totalParams.toExponential(2)} parameters, more than Netloom's limit of ${LIMITS.parameters.toExponential(2)} (1 GiB of weights): check the layer sizes for a mistyped number.`;
  }
  if (!Number.isFinite(sizes.activationElements) || sizes.activationElements > LIMITS.activationElements) {
    return `one sample's activations have ${sizes.activationElements.toExponential(2)} elements, more than Netloom's limit of ${LIMITS.activationElements.toExponential(2)} (512 MiB per sample): use a smaller input or fewer channels.`;
  }
  return null;
}
