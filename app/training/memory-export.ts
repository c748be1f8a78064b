/**
 * Memory an export needs at its peak, from the network's size (pure arithmetic; the host compares
 * it with the available memory before compiling). With W the bytes of the float32 weights, the peak
 * is 4 x W + RUNTIME_BYTES whatever the format: the weights in TensorFlow.js, the temporaries of
 * their PyTorch-style initialization or a checkpoint's load, the state_dict read out in PyTorch
 * layout (with a transposed copy for Linear and Conv2d), then the file's own buffer (tfjs weights
 * joined, the ONNX message, the safetensors bytes) while the state is still held.
 * Measured on a 267-million-parameter Linear (W = 1.07 GB): tfjs 4.28 GB, ONNX 4.30 GB, PyTorch
 * 4.27 GB; estimated 4.54 GB.
 */
import { BYTES_PER_ELEMENT, gib, RUNTIME_BYTES } from './memory';

export type ExportTarget = 'tfjs' | 'onnx' | 'pytorch' | 'all';

/** Copies of the weights an export holds at its peak. */
export const EXPORT_WEIGHT_COPIES = 4;

export function estimateExportMemory(totalParams: number): number {
  return EXPORT_WEIGHT_COPIES * totalParams * BYTES_PER_ELEMENT + RUNTIME_BYTES;
}

/** The person's fix when an export would not fit `budget` bytes; null when it fits. */
export function checkExportMemory(totalParams: number, format: ExportTarget, budget: number): string | null {
  const need = estimateExportMemory(totalParams);
  if (need <= budget) return null;
  const weights = gib(totalParams * BYTES_PER_ELEMENT);
  return `exporting to ${format} needs about ${gib(need)} (${EXPORT_WEIGHT_COPIES} copies of ${weights} of weights: in TensorFlow.js, while initialized, in PyTorch layout and in the file's buffer), more than the ${gib(budget)} available: close other programs, or make the network smaller.`;
}
