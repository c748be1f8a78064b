/** Messages between the training worker (coordinator) and its data-parallel helpers. */
import type { Graph } from '../../../app/graph/types';
import type { TrainingSettings } from '../../../app/training/settings';

export interface GradWorkerInit {
  graph: Graph;
  seed: number;
  backend: string;
  settings: Pick<TrainingSettings, 'loss' | 'l1' | 'clip_grad_norm'>;
}

export interface GradRequest {
  type: 'step';
  id: number;
  /** All model weights (model.weights order), the coordinator's current values. */
  weights: Float32Array[];
  x: Float32Array;
  y: Int32Array;
  n: number;
  shape: number[];
}

export type GradWorkerReply =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'grads'; id: number; loss: number; correct: number; grads: Float32Array[] };
