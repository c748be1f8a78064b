/**
 * The training part of the host contract: `train.*` (start a session, pause, resume, stop),
 * `runs.*` (the run history beside the project, evaluation, prediction), `data.*` (dataset
 * sources, info, augmentation preview) and `backends.available`, with the `train.*` events.
 * Batch metrics travel batched (`train.progress` every ~100 ms), never one message per batch.
 */
import { z } from 'zod';
import { kfoldSchema } from '../training/settings';
import { Ack, Backend, Empty, FilePath, ProjectText } from './schemas';

const channel = <A extends z.ZodType, R extends z.ZodType>(summary: string, args: A, result: R) => ({
  summary,
  args,
  result,
});

export const SessionId = z.string().min(1).max(64);
const Settings = z.record(z.string(), z.unknown());
const num = z.number();
const numOrNull = z.number().nullable();

export const BatchPoint = z.object({
  epoch: num,
  batch: num,
  batches: num,
  loss: num,
  lr: num,
  img_per_s: num,
  eta_s: num,
});
export const EpochPoint = z.object({
  epoch: num,
  epochs: num,
  train_loss: num,
  train_acc: num,
  val_loss: numOrNull,
  val_acc: numOrNull,
  lr: num,
  img_per_s: num,
  seconds: num,
  eta_s: num,
  best: z.boolean(),
});

export const RunSummary = z.object({
  id: z.string(),
  dir: z.string(),
  status: z.string(),
  message: z.string().optional(),
  backend: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().optional(),
  /** Seconds from start to finish (or to now while running). */
  duration_s: num,
  epochs_done: num,
  epochs: num,
  best: z.object({ epoch: num, monitor: z.string(), value: num }).nullable(),
  test: z.object({ loss: num, acc: num }).nullable(),
  dataset: z.string(),
  optimizer: z.string(),
  lr: num,
  batch_size: num,
  img_per_s: num.optional(),
  /** A K-fold run (a `kfold-<id>/` folder): its folds and, once finished, mean and sample std (kfold.json). */
  kfold: z
    .object({
      k: num,
      folds: z.array(
        z.object({
          fold: num,
          dir: z.string(),
          status: z.string(),
          epochs_done: num,
          val_loss: numOrNull,
          val_acc: numOrNull,
          test_loss: numOrNull,
          test_acc: numOrNull,
        }),
      ),
      mean: z.record(z.string(), num).nullable(),
      std: z.record(z.string(), num).nullable(),
      best_fold: num.nullable(),
    })
    .optional(),
});

export const RunDetail = z.object({
  summary: RunSummary,
  training: Settings,
  dataset: Settings,
  /** The graph the run was trained with, as project file text. */
  graphText: ProjectText,
  epochs: z.array(EpochPoint),
  /** Batch losses, decimated to at most ~4,000 points (mean of each bucket). */
  batches: z.array(z.object({ x: num, loss: num, lr: num, img_per_s: num })),
});

export const EvaluationResult = z.object({
  n: num,
  loss: num,
  accuracy: num,
  classes: z.array(z.string()),
  confusion: z.array(z.array(num)),
  per_class: z.array(z.object({ class: z.string(), precision: num, recall: num, f1: num, support: num })),
  wrong: z.array(
    z.object({ index: num, label: num, predicted: num, confidence: num, image: z.string(), probs: z.array(num) }),
  ),
  checkpoint: z.string(),
  epoch: num,
  backend: z.string(),
  /** Per-sample input shape [C, H, W] (the "try it" canvas draws at H x W for one channel). */
  shape: z.array(num),
});

export const Sample = z.object({ index: num, label: num, predicted: num, confidence: num, image: z.string() });

export const ParamStat = z.object({
  name: z.string(),
  shape: z.array(num),
  mean: num,
  std: num,
  min: num,
  max: num,
  histogram: z.array(num),
});

export const Started = z.object({
  sessionId: SessionId,
  backend: z.string(),
  runDir: z.string(),
  runId: z.string(),
  seed: num,
  epochs: num,
  trainSize: num,
  valSize: num,
  testSize: num,
  /** The epoch a resumed run continues after (0: a fresh run). */
  resumedFrom: num,
  /** The device in words on WebGPU ("SwiftShader (software)", "NVIDIA GeForce RTX 4070 via Vulkan"). */
  device: z.string().optional(),
  /** Data-parallel worker threads training this run (absent: 1). */
  workers: num.optional(),
  /** K-fold: which fold (1-based) of how many this run is. */
  fold: num.optional(),
  folds: num.optional(),
  /** The PyTorch engine (its `device` is torch's: cpu, cuda:0, mps) and its processes. */
  engine: z.enum(['netloom', 'torch']).optional(),
  worldSize: num.optional(),
});

/** The PyTorch engine's options in the Training tab (the CLI has more: several machines). */
export const TorchSettings = z
  .object({
    python: FilePath.optional(),
    device: z
      .string()
      .regex(/^(cpu|mps|cuda(:\d+)?)$/)
      .optional(),
    nproc: z.number().int().min(1).max(64).optional(),
    sync_bn: z.boolean().optional(),
  })
  .strict();

const Interpreter = z.object({
  path: z.string(),
  source: z.string(),
  python: z.string().nullable(),
  error: z.string().optional(),
  torch: z
    .object({
      version: z.string(),
      cuda: z
        .object({
          version: z.string().nullable(),
          devices: z.array(z.object({ index: num, name: z.string(), memory: num })),
        })
        .nullable(),
      mps: z.boolean(),
      distributed: z.boolean(),
    })
    .nullable(),
});

const RunRef = z.object({ runDir: FilePath }).strict();

export const trainingChannels = {
  'train.start': channel(
    'start training the project (its text, or the file at projectPath) in a worker; metrics stream as train.* events',
    z
      .object({
        text: ProjectText.optional(),
        projectPath: FilePath.optional(),
        training: Settings.optional(),
        dataset: Settings.optional(),
        backend: z.enum(['auto', 'webgpu', 'node-gpu', 'node', 'wasm', 'cpu']).default('auto'),
        /** Continue a stopped run from its last checkpoint. */
        resume: FilePath.optional(),
        /** K-fold cross-validation with K folds (train+validation cut in K; the test split stays out). */
        kfold: kfoldSchema.optional(),
        /** Data-parallel worker threads (each batch split across them, one core each); 'auto' as app/training/workers.ts decides; default 1. */
        workers: z.union([z.number().int().min(1).max(64), z.literal('auto')]).optional(),
        /** The training engine: the built-in one (default) or the user's PyTorch. */
        engine: z.enum(['netloom', 'torch']).optional(),
        torch: TorchSettings.optional(),
      })
      .strict(),
    z.object({ sessionId: SessionId }),
  ),
  'train.pause': channel(
    'pause a training session after the current batch',
    z.object({ sessionId: SessionId }).strict(),
    Ack,
  ),
  'train.resume': channel('resume a paused training session', z.object({ sessionId: SessionId }).strict(), Ack),
  'train.stop': channel(
    'stop a training session (the last checkpoint stays)',
    z.object({ sessionId: SessionId }).strict(),
    Ack,
  ),
  'train.sessions': channel(
    'the training sessions running in this host; the caller follows their events from now on (after a reload)',
    Empty,
    z.array(
      z.object({ sessionId: SessionId, state: z.enum(['running', 'paused', 'stopping']), started: Started.nullable() }),
    ),
  ),
  'runs.list': channel(
    'the runs of a project (beside the project file, or the untitled runs folder), newest first',
    z.object({ projectPath: FilePath.optional() }).strict(),
    z.array(RunSummary),
  ),
  'runs.get': channel('one run: summary, settings, graph text, epoch and (decimated) batch curves', RunRef, RunDetail),
  'runs.delete': channel('delete a run folder', RunRef, Ack),
  'runs.evaluate': channel(
    'evaluate a run on its test split: confusion matrix, per-class metrics, most confidently wrong samples',
    RunRef.extend({ worst: z.number().int().min(0).max(64).default(16) }).strict(),
    EvaluationResult,
  ),
  'runs.samples': channel(
    'test samples of an evaluated run with true (row) and predicted (column) class, as PNG data URLs',
    RunRef.extend({
      label: z.number().int().min(0),
      predicted: z.number().int().min(0),
      limit: z.number().int().min(1).max(64).default(24),
    }).strict(),
    z.object({ total: num, samples: z.array(Sample) }),
  ),
  'runs.predict': channel(
    "class probabilities of the run's best model for one sample (pixels in [0, 1], [C, H, W] order)",
    RunRef.extend({ pixels: z.array(z.number()).max(3 * 256 * 256) }).strict(),
    z.object({ classes: z.array(z.string()), probs: z.array(num) }),
  ),
  'runs.params': channel(
    "value statistics and histograms of every named parameter in a run's best checkpoint",
    RunRef,
    z.array(ParamStat),
  ),
  'runs.gradients': channel(
    "gradients of the run's loss on one training batch at its best checkpoint: per trainable parameter (PyTorch names) stats and a histogram",
    RunRef.extend({ nodeId: z.string().min(1).max(200).optional() }).strict(),
    z.object({ loss: num, batch: num, checkpoint: z.string(), params: z.array(ParamStat.extend({ max_abs: num })) }),
  ),
  'runs.batchnorm': channel(
    "per BatchNorm layer (module path) of a run's best checkpoint: running_mean/running_var beside the per-channel batch mean and variance of its input over a few training samples",
    RunRef.extend({ samples: z.number().int().min(1).max(256).default(64) }).strict(),
    z.object({
      samples: num,
      layers: z.array(
        z.object({
          nodeId: z.string(),
          name: z.string(),
          runningMean: z.array(num),
          runningVar: z.array(num),
          batchMean: z.array(num),
          batchVar: z.array(num),
        }),
      ),
    }),
  ),
  'runs.activations': channel(
    'the output of one node for one test sample of a run (feature maps as a PNG grid, or the values of a vector)',
    RunRef.extend({ nodeId: z.string().min(1).max(200), index: z.number().int().min(0).default(0) }).strict(),
    z.object({
      shape: z.array(num),
      image: z.string().nullable(),
      values: z.array(num).nullable(),
      label: z.string(),
      input: z.string(),
      /** Share of the output's values that are exactly 0 (dead ReLU units). */
      zeros: num.optional(),
    }),
  ),
  'data.sources': channel(
    'the dataset sources and where each was found on this machine',
    Empty,
    z.array(z.object({ name: z.string(), description: z.string(), location: z.string().nullable() })),
  ),
  'data.info': channel(
    'counts, classes, shape, mean/std of a dataset (the project dataset settings)',
    z.object({ dataset: Settings }).strict(),
    z.object({
      name: z.string(),
      train: num,
      test: num,
      classes: z.array(z.string()),
      shape: z.array(num),
      mean: z.array(num),
      std: z.array(num),
      /** The folder a built-in dataset was read from, and what is wrong with a given data folder that was not it. */
      location: z.string().nullable().optional(),
      locationNote: z.string().nullable().optional(),
    }),
  ),
  'data.preview': channel(
    'augmentation preview grid (one row per sample: original, then variants) as a PNG data URL',
    z
      .object({
        dataset: Settings,
        augment: z.string().max(500).optional(),
        seed: z.number().int().optional(),
        samples: z.number().int().min(1).max(16).default(6),
        variants: z.number().int().min(1).max(12).default(7),
      })
      .strict(),
    z.object({ image: z.string(), width: num, height: num }),
  ),
  'data.download': channel(
    'download a built-in dataset (mnist, fashion-mnist, cifar10) into dataDir or the cache, SHA-256 verified; progress streams as data.downloadProgress events',
    z.object({ name: z.enum(['mnist', 'fashion-mnist', 'cifar10']), dataDir: FilePath.optional() }).strict(),
    z.object({ dir: z.string() }),
  ),
  'engines.available': channel(
    'the Python interpreters found (NETLOOM_PYTHON, the chosen one, virtualenv/conda, PATH, /usr/bin/python3) and their torch, CUDA devices or MPS; the one the PyTorch engine would use, or why none',
    z.object({ python: FilePath.optional(), fresh: z.boolean().optional() }).strict(),
    z.object({ pythons: z.array(Interpreter), chosen: z.string().nullable(), summary: z.string() }),
  ),
  'backends.available': channel(
    'the tfjs backends that load on this machine, fastest first',
    Empty,
    z.array(z.object({ name: Backend, available: z.boolean(), reason: z.string().optional() })),
  ),
};

export const trainingEvents = {
  /** Bytes of a data.download (throttled to ~10 per second, and the last one of each file). */
  'data.downloadProgress': z.object({ name: z.string(), done: num, total: num, phase: z.string() }),
  /** The session began training: backend, run folder, sizes. */
  'train.started': Started,
  /** Batched metrics since the last message (every ~100 ms, and at every epoch end). */
  'train.progress': z.object({
    sessionId: SessionId,
    batches: z.array(BatchPoint),
    epochs: z.array(EpochPoint),
    fold: num.optional(),
    folds: num.optional(),
  }),
  'train.log': z.object({ sessionId: SessionId, message: z.string() }),
  /**
   * The session's state: sent when a pause, resume or stop is asked for, and again with
   * `acknowledged: true` once the worker has actually stopped between batches (or goes on).
   */
  'train.state': z.object({
    sessionId: SessionId,
    state: z.enum(['running', 'paused', 'stopping']),
    acknowledged: z.boolean().optional(),
  }),
  /** The end: trained, stopped, early stopped or failed (status), or could not start (error). */
  'train.done': z.object({
    sessionId: SessionId,
    status: z.enum(['completed', 'stopped', 'early_stopped', 'failed', 'error']),
    message: z.string().optional(),
    runDir: z.string().nullable(),
    testLoss: numOrNull,
    testAcc: numOrNull,
    imgPerS: num,
    epochsDone: num,
  }),
};
