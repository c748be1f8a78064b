/**
 * How many data-parallel workers `workers: 'auto'` (the app's and the CLI's default) trains with.
 * Data-parallel training splits each batch into shards, applies the mean gradient weighted by
 * shard size and synchronizes BatchNorm's batch statistics across the shards (SyncBatchNorm), so
 * every step is the one-worker step. 'auto' uses the cores where that pays:
 * - the backend is wasm or cpu (tfjs-node and tfjs-node-gpu use every core already; on WebGPU
 *   every batch runs on the one device, and workers would only queue on it: see onBackend);
 * - each shard keeps at least 16 samples; at most 4 workers (measured on 2 cores; see docs/PERFORMANCE.md);
 * - one worker for a network with BatchNorm: its SyncBatchNorm meets the other workers twice per
 *   layer and step (40 times for ResNet-18), each time waiting for the slowest. The one worker
 *   still uses every core on wasm: the engine gives it all of them as ONNX Runtime threads for its
 *   convolutions and matrix products (engine/session.ts), as PyTorch's intra-op threads do. On 2
 *   cores, with the sharded optimizer step, two workers against that one worker: ResNet-18
 *   1.01-1.17x, VGG-11-BN 0.94-0.95x, DenseNet-121 0.93-0.97x, MobileNetV2 0.93-1.13x, with 1.8x
 *   the memory (docs/PERFORMANCE.md, "The sharded optimizer step"); polling before sleeping at the
 *   meetings, on a faster day: 1.07x, 0.93-0.96x, 1.04x and 1.14x ("Polling before sleeping").
 *   VGG-11-BN still loses and the memory still doubles; `workers N` still forces N.
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
  if (o.cores < 2) return { workers: 1, reason: 'this machine has one core' };
  const n = Math.min(o.cores, AUTO_MAX_WORKERS, Math.floor(o.batchSize / AUTO_MIN_SHARD));
  if (n < 2)
    return {
      workers: 1,
      reason: `batch_size ${o.batchSize} is too small to share (${AUTO_MIN_SHARD} samples per worker at least)`,
    };
  // InstanceNorm2d's running statistics are not synchronized: each worker would update them from its own shard.
  const tracked = o.graph.nodes.find((n) => n.type === 'InstanceNorm2d' && n.params.track_running_stats === true);
  if (tracked)
    return {
      workers: 1,
      reason: `InstanceNorm2d '${tracked.name ?? tracked.id}' tracks running statistics, which each worker would update from its own shard`,
    };
  const bn = o.graph.nodes.find((n) => n.type.startsWith('BatchNorm'));
  if (bn)
    return {
      workers: 1,
      reason:
        `${bn.type} '${bn.name ?? bn.id}': BatchNorm networks train on one worker, because data-parallel workers ` +
        `meet at every BatchNorm layer (SyncBatchNorm) and wait for the slowest; on wasm the one worker runs its ` +
        `convolutions and matrix products on all ${o.cores} cores instead, which measured about as fast on 2 cores ` +
        `(two workers: ResNet-18 1.04-1.07x, DenseNet-121 0.95-1.04x, VGG-11-BN 0.93-0.96x) with half the memory. ` +
        `Set workers to ${n} to try data-parallel workers`,
    };
  return { workers: n, reason: `${n} cores: the same steps as one worker` };
}
