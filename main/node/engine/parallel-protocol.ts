/** Messages between the training worker (coordinator) and its data-parallel helpers. */
import type { Graph } from '../../../app/graph/types';
import type { OptimizerHyper, OptimizerState } from '../../../app/training/optimizers';
import type { TrainingSettings } from '../../../app/training/settings';
import type { ExchangeBuffers } from './exchange';

export interface GradWorkerInit {
  graph: Graph;
  seed: number;
  backend: string;
  settings: Pick<TrainingSettings, 'loss' | 'l1' | 'clip_grad_norm'>;
  /** The coordinator's optimizer: a helper applies the same averaged gradients with it. */
  optimizer: OptimizerHyper;
  /** The shared gradient exchange, and this helper's rank in it (the coordinator is rank 0). */
  exchange: ExchangeBuffers;
  rank: number;
  /** ONNX Runtime's threads for this helper's products (its share of the cores; 1 when absent). */
  ortThreads?: number;
}

export interface GradRequest {
  type: 'step';
  /**
   * A resynchronisation (the first step, then now and then): all model weights (model.weights
   * order) and the optimizer state. Between them a helper keeps in step by applying the same
   * averaged gradients as the coordinator.
   */
  weights?: Float32Array[];
  optimizerState?: OptimizerState;
  x: Float32Array;
  y: Int32Array;
  n: number;
  shape: number[];
  /** The learning rate this step's update uses. */
  lr: number;
  /** With the sharded update (parallel.ts shardedReplicaStep): its step number and whether the optimizer's buffers exist yet. */
  sharded?: { t: number; first: boolean };
}

export type GradWorkerReply = { type: 'ready' } | { type: 'error'; message: string };

/** How long a replica waits for the others at a step before giving up (a replica that died silently). */
export const EXCHANGE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The exchanged vector of one step: every parameter's gradient (in order, flattened), then the
 * shard's mean loss and accuracy (averaged by shard size: the batch's loss and accuracy).
 */
export function exchangeSize(paramSizes: number[]): number {
  return paramSizes.reduce((a, n) => a + n, 0) + 2;
}
