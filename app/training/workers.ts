/**
 * How many data-parallel workers `workers: 'auto'` (the app's and the CLI's default) trains with.
 * Data-parallel training splits each batch into shards and applies the mean gradient weighted by
 * shard size, which is the one-worker step exactly, except for BatchNorm: each shard normalizes
 * with its own batch statistics (as PyTorch's DistributedDataParallel does). So 'auto' uses the
 * cores only where that changes nothing:
 * - the backend is wasm or cpu (tfjs-node and tfjs-node-gpu use every core already; on WebGPU
 *   every batch runs on the one device, and workers would only queue on it: see onBackend);
 * - the network has no BatchNorm layer;
 * - each shard keeps at least 16 samples; at most 4 workers (measured on 2 cores; see docs/PERFORMANCE.md).
 */
import type { Graph } from '../graph/types';

export type WorkersChoice = number | 'auto';

export interface AutoWorkers {
  workers: number;
  /** Why, in a few words, for the log and the status line. */
  reason: string;
}

export const AUTO_MAX_WORKERS = 4;
export const AUTO_MIN_SHARD = 16;

/** The one GPU of a WebGPU run takes each whole batch: a worker count asked for is 1 there, with the reason. */
export function onBackend(backend: string, requested: number): AutoWorkers {
  if (backend === 'webgpu' && requested > 1)
    return {
      workers: 1,
      reason: `workers ${requested} -> 1: WebGPU trains each batch on its one device, and data-parallel workers would only queue on it`,
    };
  return { workers: requested, reason: '' };
}

export function autoWorkers(o: {
  graph: Pick<Graph, 'nodes'>;
  backend: string;
  batchSize: number;
  cores: number;
}): AutoWorkers {
  if (o.backend === 'webgpu') return { workers: 1, reason: 'WebGPU trains each batch on its one device' };
  if (o.backend !== 'wasm' && o.backend !== 'cpu')
    return { workers: 1, reason: `the ${o.backend} backend uses every core itself` };
  const bn = o.graph.nodes.find((n) => n.type.startsWith('BatchNorm'));
  if (bn) return { workers: 1, reason: `${bn.type} '${bn.id}' would see per-shard batch statistics` };
  if (o.cores < 2) return { workers: 1, reason: 'this machine has one core' };
  const n = Math.min(o.cores, AUTO_MAX_WORKERS, Math.floor(o.batchSize / AUTO_MIN_SHARD));
  if (n < 2)
    return {
      workers: 1,
      reason: `batch_size ${o.batchSize} is too small to share (${AUTO_MIN_SHARD} samples per worker at least)`,
    };
  return { workers: n, reason: `${n} cores, no BatchNorm: the same steps as one worker` };
}
