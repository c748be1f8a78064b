/**
 * The device-memory check before a WebGPU run: every tensor lives in one GPU buffer, and one
 * buffer may hold at most the adapter's maxBufferSize and be bound to a shader only up to
 * maxStorageBufferBindingSize. WebGPU does not report the device's total memory, so this is
 * the check that can be made: the largest tensor of the run (a layer's input or output at the
 * batch size, or its weights) against the smaller of the two limits. Validation and test run in
 * batches of max(batch_size, 256) (app/training/loop.ts), forward only, so those are checked too.
 * Kept apart from the host-memory check (main/node/reliability/memory-budget.ts).
 */
import type { Graph } from '../../../../app/graph/types';
import { analyzeGraph } from '../../../../app/shapes/analyze';
import type { AdapterReport } from './adapter';

const BYTES = 4;
/** The loop's evaluation batch: max(batch_size, EVAL_BATCH). */
export const EVAL_BATCH = 256;

const size = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(b / 2 ** 20)} MiB`);

export interface LargestTensor {
  node: string;
  type: string;
  /** Elements per sample (activations) or in all (weights). */
  elements: number;
  perSample: boolean;
}

/** The largest tensor a node holds: its output or an input per sample, or its weights. */
export function largestTensors(graph: Graph): { activation: LargestTensor | null; weights: LargestTensor | null } {
  const a = analyzeGraph(graph);
  let activation: LargestTensor | null = null;
  let weights: LargestTensor | null = null;
  for (const n of a.nodes.values()) {
    const shapes = [n.shape, ...n.inputs].filter((s): s is number[] => s !== null);
    for (const s of shapes) {
      const e = s.reduce((x, d) => x * d, 1);
      if (!activation || e > activation.elements)
        activation = { node: n.id, type: n.type, elements: e, perSample: true };
    }
    if (n.params > 0 && (!weights || n.params > weights.elements))
      weights = { node: n.id, type: n.type, elements: n.params, perSample: false };
  }
  return { activation, weights };
}

/** Why this network and batch cannot run on the adapter, with the fix; null when every tensor fits one buffer. */
export function checkDeviceMemory(
  graph: Graph,
  batchSize: number,
  adapter: Pick<AdapterReport, 'label' | 'limits'>,
): string | null {
  const { maxBufferSize, maxStorageBufferBindingSize } = adapter.limits;
  const limit = Math.min(maxBufferSize || Infinity, maxStorageBufferBindingSize || Infinity);
  if (!Number.isFinite(limit)) return null;
  const which =
    maxStorageBufferBindingSize && maxStorageBufferBindingSize <= (maxBufferSize || Infinity)
      ? 'maxStorageBufferBindingSize'
      : 'maxBufferSize';
  const where = `one WebGPU buffer on ${adapter.label} holds at most ${size(limit)} (${which})`;
  const { activation, weights } = largestTensors(graph);
  if (weights && weights.elements * BYTES > limit) {
    return `${weights.type} '${weights.node}' has ${weights.elements} parameters (${size(weights.elements * BYTES)}), and ${where}: make the layer smaller, or train with another backend (--backend wasm).`;
  }
  if (!activation) return null;
  const perSample = activation.elements * BYTES;
  const name = `${activation.type} '${activation.node}'`;
  if (perSample * batchSize > limit) {
    const fits = Math.floor(limit / perSample);
    const fix = fits >= 1 ? `set batch_size to ${fits} or less` : 'use a smaller input or fewer channels';
    return `${name} needs a ${size(perSample * batchSize)} tensor at batch_size ${batchSize}, and ${where}: ${fix}.`;
  }
  const evalBatch = Math.max(batchSize, EVAL_BATCH);
  if (perSample * evalBatch > limit) {
    return `${name} needs a ${size(perSample * evalBatch)} tensor when validating in batches of ${evalBatch}, and ${where}: use a smaller input or fewer channels, or train with another backend (--backend wasm).`;
  }
  return null;
}
