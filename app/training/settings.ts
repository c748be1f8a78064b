/**
 * Training settings (the project's `training` field), with PyTorch's names and defaults:
 * torch.optim argument names, lr_scheduler names, nn loss class names.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result';

const pos = z.number().positive();

/** K-fold's K: at least 2 folds, at most 100 (one bound for the project file, the CLI and the host contract). */
export const KFOLD_MIN = 2;
export const KFOLD_MAX = 100;
export const kfoldSchema = z.number().int().min(KFOLD_MIN).max(KFOLD_MAX);
const nonneg = z.number().min(0);

export const schedulerSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('none') }),
  z.object({ name: z.literal('StepLR'), step_size: z.number().int().positive().default(10), gamma: pos.default(0.1) }),
  z.object({
    name: z.literal('MultiStepLR'),
    milestones: z.array(z.number().int().nonnegative()).default([30, 80]),
    gamma: pos.default(0.1),
  }),
  z.object({ name: z.literal('ExponentialLR'), gamma: pos.default(0.95) }),
  z.object({
    name: z.literal('CosineAnnealingLR'),
    T_max: z.number().int().positive().default(10),
    eta_min: nonneg.default(0),
  }),
  z.object({
    name: z.literal('ReduceLROnPlateau'),
    mode: z.enum(['min', 'max']).default('min'),
    factor: z.number().gt(0).lt(1).default(0.1),
    patience: z.number().int().nonnegative().default(10),
    threshold: nonneg.default(1e-4),
    threshold_mode: z.enum(['rel', 'abs']).default('rel'),
    cooldown: z.number().int().nonnegative().default(0),
    min_lr: nonneg.default(0),
    eps: nonneg.default(1e-8),
    monitor: z.enum(['val_loss', 'val_acc', 'train_loss', 'train_acc']).default('val_loss'),
  }),
]);

export const trainingSettingsSchema = z.object({
  epochs: z.number().int().positive().default(10),
  batch_size: z.number().int().positive().default(64),
  /** null: a fresh seed per run (recorded in the run). */
  seed: z.number().int().nonnegative().nullable().default(0),
  optimizer: z.enum(['sgd', 'adam', 'adamw', 'rmsprop']).default('sgd'),
  lr: pos.default(0.01),
  momentum: nonneg.default(0),
  dampening: nonneg.default(0),
  nesterov: z.boolean().default(false),
  /** L2 through the optimizer, as torch.optim's weight_decay (AdamW: decoupled). null = the optimizer's default. */
  weight_decay: nonneg.nullable().default(null),
  betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.999]),
  eps: pos.default(1e-8),
  amsgrad: z.boolean().default(false),
  alpha: z.number().min(0).max(1).default(0.99),
  centered: z.boolean().default(false),
  /** L1 penalty added to the loss: l1 * sum(abs(p)) over all parameters, as the course writes it by hand. */
  l1: nonneg.default(0),
  loss: z.enum(['CrossEntropyLoss', 'MSELoss', 'BCEWithLogitsLoss']).default('CrossEntropyLoss'),
  scheduler: schedulerSchema.default({ name: 'none' }),
  /** Linear warm-up (LinearLR): the lr factor goes from start_factor to 1 over `epochs` epochs. */
  warmup: z
    .object({ epochs: z.number().int().nonnegative().default(0), start_factor: z.number().gt(0).max(1).default(0.1) })
    .default({ epochs: 0, start_factor: 0.1 }),
  early_stopping: z
    .object({
      enabled: z.boolean().default(false),
      monitor: z.enum(['val_loss', 'val_acc', 'train_loss', 'train_acc']).default('val_loss'),
      patience: z.number().int().nonnegative().default(5),
      min_delta: nonneg.default(0),
      restore_best: z.boolean().default(true),
    })
    .default({ enabled: false, monitor: 'val_loss', patience: 5, min_delta: 0, restore_best: true }),
  /** torch.nn.utils.clip_grad_norm_(max_norm); null = off. */
  clip_grad_norm: pos.nullable().default(null),
  /** Fraction of the training set held out for validation (seeded, stratified). */
  val_split: z.number().min(0).lt(1).default(0.1),
  /** K-fold cross-validation over train+validation with K folds instead of val_split; null = off. */
  kfold: kfoldSchema.nullable().default(null),
});

export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;
export type SchedulerSettings = z.infer<typeof schedulerSchema>;

/** The optimizer's weight_decay: the setting, else torch's default (AdamW 1e-2, others 0). */
export function effectiveWeightDecay(s: Pick<TrainingSettings, 'weight_decay' | 'optimizer'>): number {
  return s.weight_decay ?? (s.optimizer === 'adamw' ? 1e-2 : 0);
}

/** Parse settings (the project's `training` field merged with overrides); the error names the setting. */
export function parseTrainingSettings(value: unknown): Result<TrainingSettings> {
  const r = trainingSettingsSchema.safeParse(value ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    return err(`training setting '${i.path.join('.') || 'training'}': ${i.message}`);
  }
  if (r.data.nesterov && (r.data.momentum <= 0 || r.data.dampening !== 0)) {
    return err(
      "training setting 'nesterov': Nesterov momentum requires a momentum > 0 and zero dampening (as torch.optim.SGD).",
    );
  }
  return ok(r.data);
}
