/** Messages between the training worker (coordinator) and its data-parallel helpers. */
import type { Graph } from '../../../app/graph/types';
import type { OptimizerHyper, OptimizerState } from '../../../app/training/optimizers';
import type { TrainingSettings } from '../../../app/training/settings';

export interface GradWorkerInit {
  graph: Graph;
  seed: number;
  backend: string;
  settings: Pick<TrainingSettings, 'loss' | 'l1' | 'clip_grad_norm'>;
  /** The coordinator's optimizer: a helper applies the same averaged gradients with it. */
  optimizer: OptimizerHyper;
}

export interface GradRequest {
  type: 'step';
  id: number;
  /**
   * A resynchronisation (the first step, then now and then): all model weights (model.weights
   * order) and the optimizer state. Between them a helper keeps in step by applying the same
   * averaged gradients as the coordinator (`GradApply`).
   */
  weights?: Float32Array[];
  optimizerState?: OptimizerState;
  x: Float32Array;
  y: Int32Array;
  n: number;
  shape: number[];
}

/** The batch's averaged gradients (every parameter, in order) and the lr they are applied with. */
export interface GradApply {
  type: 'apply';
  grads: Float32Array[];
  lr: number;
}

export type GradWorkerReply =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'grads'; id: number; loss: number; correct: number; grads: Float32Array[] };
