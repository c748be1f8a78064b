/** What the curve detectors read (a run's recorded series) and what they report. */
import type { Severity } from '../types';

export interface EpochRecord {
  epoch: number;
  train_loss: number;
  train_acc?: number | null;
  val_loss: number | null;
  val_acc?: number | null;
  lr: number;
}

export interface BatchRecord {
  /** Global batch index (epoch - 1) * batches + batch, or a fractional epoch: any increasing x. */
  x: number;
  loss: number;
  lr: number;
}

/** Per-layer gradient norm (L2 over the layer's parameters), input side first. */
export interface GradNorm {
  name: string;
  norm: number;
}

/** Share of zero outputs of one activation layer over a batch. */
export interface ActivationZeros {
  nodeId: string;
  name: string;
  zeroFraction: number;
}

/** One BatchNorm layer's running statistics against the statistics of a batch in train mode. */
export interface BatchNormStats {
  nodeId: string;
  name: string;
  runningMean: number[];
  runningVar: number[];
  batchMean: number[];
  batchVar: number[];
}

export interface RunSeries {
  epochs: EpochRecord[];
  batches?: BatchRecord[];
  /** Number of classes: chance-level loss is ln(classes) for CrossEntropyLoss. */
  classes?: number;
  gradients?: GradNorm[];
  activations?: ActivationZeros[];
  batchnorm?: BatchNormStats[];
}

/** A stretch of a chart to mark: x in epochs (series 'train_loss'/'val_loss') or batch x ('batch_loss'). */
export interface Evidence {
  series: 'train_loss' | 'val_loss' | 'batch_loss' | 'gradients' | 'activations' | 'batchnorm';
  from: number;
  to: number;
  label: string;
}

export type DiagnosisId =
  | 'divergence'
  | 'overfitting'
  | 'underfitting'
  | 'lr-too-low'
  | 'dead-relu'
  | 'vanishing-gradients'
  | 'exploding-gradients'
  | 'batchnorm-drift';

/** The remedies a diagnosis suggests, by name; ./suggest.ts turns them into fixes on a project. */
export type RemedyName =
  | 'dropout'
  | 'weight-decay'
  | 'early-stopping'
  | 'augment'
  | 'lower-lr'
  | 'raise-lr'
  | 'step-lr'
  | 'clip-grad'
  | 'train-longer'
  | 'less-regularization';

export interface Diagnosis {
  id: DiagnosisId;
  severity: Severity;
  title: string;
  /** The reason in a sentence, with the figures (gap, epoch, lr). */
  message: string;
  evidence: Evidence[];
  remedies: RemedyName[];
  /** Nodes concerned (dead ReLUs, BatchNorm layers). */
  nodeIds?: string[];
  /** Figures for tests and the JSON output. */
  facts: Record<string, number>;
}
