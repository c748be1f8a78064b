/**
 * Memory an export needs at its peak, from the network's size (pure arithmetic; the host compares
 * it with the available memory before compiling). In float32 elements of the weights W (4 bytes):
 *   the model's weights in TensorFlow.js             1 x W
 *   the state_dict in PyTorch layout                 1 x W
 *   the largest format's buffers                     tfjs 2 x W (weights read out, then joined),
 *                                                    ONNX 2 x W (protobuf message, then encoded),
 *                                                    PyTorch 1 x W (the safetensors bytes);
 *                                                    `all` writes one format after another: 2 x W
 *   plus RUNTIME_BYTES. Measured: a 267-million-parameter Linear exported to tfjs peaks at 4.3 GB,
 *   estimated 4.5 GB.
 */
import { BYTES_PER_ELEMENT, gib, RUNTIME_BYTES } from './memory';

export type ExportTarget = 'tfjs' | 'onnx' | 'pytorch' | 'all';

const FORMAT_COPIES: Record<ExportTarget, number> = { tfjs: 2, onnx: 2, pytorch: 1, all: 2 };

export function estimateExportMemory(totalParams: number, format: ExportTarget): number {
  const w = totalParams * BYTES_PER_ELEMENT;
  return (2 + FORMAT_COPIES[format]) * w + RUNTIME_BYTES;
}

/** The person's fix when an export would not fit `budget` bytes; null when it fits. */
export function checkExportMemory(totalParams: number, format: ExportTarget, budget: number): string | null {
  const need = estimateExportMemory(totalParams, format);
  if (need <= budget) return null;
  const weights = gib(totalParams * BYTES_PER_ELEMENT);
  const cheaper = format !== 'pytorch' ? ' (or export to pytorch alone, which needs the least)' : '';
  return `exporting to ${format} needs about ${gib(need)} (${weights} of weights, held in TensorFlow.js, in PyTorch layout and in the file's buffers), more than the ${gib(budget)} available: close other programs or make the network smaller${cheaper}.`;
}
