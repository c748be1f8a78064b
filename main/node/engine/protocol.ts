/** Messages between the host (startTraining) and the training worker. */
import type { Graph } from '../../../app/graph/types';
import type { DatasetSettings } from '../../../app/data/settings';
import type { BatchEvent, EpochEvent, RunStatus } from '../../../app/training/events';
import type { TrainingSettings } from '../../../app/training/settings';
import type { FoldSpec } from './kfold-data';
import type { TorchOptions } from './torch/options';

export interface TrainRequest {
  graph: Graph;
  settings: TrainingSettings;
  dataset: DatasetSettings;
  /** Force a backend (`webgpu`, `node-gpu`, `node`, `wasm`, `cpu`); absent = the ladder. */
  backend?: string;
  /** The project file; the run folder goes beside it (`<project>.runs/<id>/`). */
  projectPath?: string;
  /** The run folder to create (instead of the default). */
  out?: string;
  /** Continue this run folder from its last checkpoint. */
  resume?: string;
  /** A new run starting from this run folder's weights (best, else last), matched by layer and shape, else state_dict key and shape (runs/init-from.ts). */
  initFrom?: string;
  /** Data-parallel worker threads (default 1): each batch is split across them; 'auto' as app/training/workers.ts decides. */
  workers?: number | 'auto';
  /** Train fold `index` of K over train+validation (see kfold-data.ts); val_split is then unused. */
  fold?: FoldSpec;
  /** 'torch': train with the user's PyTorch (engine/torch); absent or 'netloom': the built-in engine. */
  engine?: 'netloom' | 'torch';
  /** The PyTorch engine's interpreter, device and processes. */
  torch?: TorchOptions;
}

/** Which engine trained, on what (the PyTorch engine sets these; the built-in one leaves them out). */
export interface EngineFields {
  engine?: 'netloom' | 'torch';
  /** `cpu`, `cuda:0`, `mps`. */
  device?: string;
  /** Processes training together (torchrun's WORLD_SIZE). */
  world_size?: number;
}

export interface StartEvent extends EngineFields {
  event: 'start';
  backend: string;
  backend_package: string;
  backend_version: string;
  /** The device in words on WebGPU ("SwiftShader (software)", "NVIDIA GeForce RTX 4070 via Vulkan"); torch's on the PyTorch engine (cpu, cuda:0, mps). */
  device?: string;
  run_dir: string;
  run_id: string;
  seed: number;
  epochs: number;
  train_size: number;
  val_size: number;
  test_size: number;
  /** Epochs already done when resuming. */
  resumed_from: number;
  /** Worker threads sharing each batch. */
  workers: number;
}

export interface LogEvent {
  event: 'log';
  message: string;
}

export interface DoneEvent extends EngineFields {
  event: 'done';
  status: RunStatus;
  message?: string;
  test_loss: number | null;
  test_acc: number | null;
  img_per_s: number;
  backend: string;
  run_dir: string;
  best_epoch: number | null;
  epochs_done: number;
  /** The evaluation.json written after training (null: none, see the log event for why). */
  evaluation?: string | null;
}

/** A problem before training could start (bad dataset, shapes, backend): nothing was trained. */
export interface ErrorEvent {
  event: 'error';
  message: string;
}

/** The worker acknowledges a pause once it has stopped between batches, and a resume once it goes on. */
export interface StateEvent {
  event: 'state';
  state: 'paused' | 'running';
}

export type WorkerEvent = StartEvent | LogEvent | BatchEvent | EpochEvent | DoneEvent | ErrorEvent | StateEvent;

export type ControlMessage = { type: 'pause' } | { type: 'resume' } | { type: 'stop' };
