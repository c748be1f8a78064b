/**
 * The fields of the training form, one per setting of app/training/settings.ts and
 * app/data/settings.ts (PyTorch's names), with when each applies.
 */
import type { DatasetSettings } from '../../../app/data/settings';
import type { TrainingSettings } from '../../../app/training/settings';
import type { Section } from './settingsEdit';

export type FieldKind = 'int' | 'num' | 'bool' | 'enum' | 'text' | 'optnum' | 'optint' | 'intlist';

export interface FieldDef {
  section: Section;
  path: string;
  label?: string;
  kind: FieldKind;
  options?: readonly string[];
  note?: string;
  when?: (t: TrainingSettings, d: DatasetSettings) => boolean;
}

const opt =
  (...names: TrainingSettings['optimizer'][]) =>
  (t: TrainingSettings) =>
    names.includes(t.optimizer);
const sched =
  (...names: string[]) =>
  (t: TrainingSettings) =>
    names.includes(t.scheduler.name);
const es = (t: TrainingSettings) => t.early_stopping.enabled;

export const DATASET_FIELDS: FieldDef[] = [
  {
    section: 'dataset',
    path: 'name',
    label: 'dataset',
    kind: 'enum',
    options: ['synthetic', 'mnist', 'fashion-mnist', 'cifar10', 'folder', 'csv'],
  },
  {
    section: 'dataset',
    path: 'dataDir',
    label: 'source dir',
    kind: 'text',
    note: 'folder with the files (empty: the usual places)',
    when: (_t, d) => ['mnist', 'fashion-mnist', 'cifar10'].includes(d.name),
  },
  {
    section: 'dataset',
    path: 'path',
    label: 'path',
    kind: 'text',
    when: (_t, d) => d.name === 'folder' || d.name === 'csv',
  },
  {
    section: 'dataset',
    path: 'download',
    label: 'download if missing',
    kind: 'bool',
    when: (_t, d) => ['mnist', 'fashion-mnist', 'cifar10'].includes(d.name),
  },
  {
    section: 'dataset',
    path: 'trainSize',
    label: 'train samples',
    kind: 'optint',
    when: (_t, d) => d.name === 'synthetic',
  },
  {
    section: 'dataset',
    path: 'testSize',
    label: 'test samples',
    kind: 'optint',
    when: (_t, d) => d.name === 'synthetic',
  },
  {
    section: 'training',
    path: 'val_split',
    label: 'validation split',
    kind: 'num',
    note: 'fraction of train held out (random_split)',
  },
  { section: 'dataset', path: 'stratified', kind: 'bool' },
  {
    section: 'dataset',
    path: 'testSplit',
    label: 'test split',
    kind: 'num',
    note: 'carved only when the source has no test set',
    when: (_t, d) => d.name === 'folder' || d.name === 'csv',
  },
  { section: 'dataset', path: 'limit', label: 'limit train to', kind: 'optint', note: 'empty: all samples' },
  {
    section: 'dataset',
    path: 'normalize',
    kind: 'text',
    note: 'auto (train mean/std), none, or mean/std like 0.1307/0.3081',
  },
  {
    section: 'dataset',
    path: 'augment',
    kind: 'text',
    note: 'flip, vflip, rotate=DEG, scale=LO-HI, crop=PAD, noise=STD, each @P',
  },
];

export const OPTIM_FIELDS: FieldDef[] = [
  { section: 'training', path: 'optimizer', kind: 'enum', options: ['sgd', 'adam', 'adamw', 'rmsprop'] },
  { section: 'training', path: 'lr', kind: 'num' },
  { section: 'training', path: 'momentum', kind: 'num', when: opt('sgd', 'rmsprop') },
  { section: 'training', path: 'dampening', kind: 'num', when: opt('sgd') },
  { section: 'training', path: 'nesterov', kind: 'bool', when: opt('sgd') },
  { section: 'training', path: 'betas.0', label: 'betas[0]', kind: 'num', when: opt('adam', 'adamw') },
  { section: 'training', path: 'betas.1', label: 'betas[1]', kind: 'num', when: opt('adam', 'adamw') },
  { section: 'training', path: 'eps', kind: 'num', when: opt('adam', 'adamw', 'rmsprop') },
  { section: 'training', path: 'amsgrad', kind: 'bool', when: opt('adam', 'adamw') },
  { section: 'training', path: 'alpha', kind: 'num', when: opt('rmsprop') },
  { section: 'training', path: 'centered', kind: 'bool', when: opt('rmsprop') },
  { section: 'training', path: 'weight_decay', kind: 'optnum', note: 'L2 (empty: optimizer default; AdamW 0.01)' },
  { section: 'training', path: 'l1', label: 'L1', kind: 'num', note: 'l1 * sum(|p|) added to the loss' },
  { section: 'training', path: 'clip_grad_norm', kind: 'optnum', note: 'empty: off' },
  { section: 'training', path: 'loss', kind: 'enum', options: ['CrossEntropyLoss', 'MSELoss', 'BCEWithLogitsLoss'] },
];

export const RUN_FIELDS: FieldDef[] = [
  { section: 'training', path: 'epochs', kind: 'int' },
  { section: 'training', path: 'batch_size', kind: 'int' },
  { section: 'training', path: 'seed', kind: 'optint', note: 'empty: a fresh seed per run' },
  {
    section: 'training',
    path: 'scheduler.name',
    label: 'lr_scheduler',
    kind: 'enum',
    options: ['none', 'StepLR', 'MultiStepLR', 'ExponentialLR', 'CosineAnnealingLR', 'ReduceLROnPlateau'],
  },
  { section: 'training', path: 'scheduler.step_size', label: 'step_size', kind: 'int', when: sched('StepLR') },
  {
    section: 'training',
    path: 'scheduler.milestones',
    label: 'milestones',
    kind: 'intlist',
    when: sched('MultiStepLR'),
  },
  {
    section: 'training',
    path: 'scheduler.gamma',
    label: 'gamma',
    kind: 'num',
    when: sched('StepLR', 'MultiStepLR', 'ExponentialLR'),
  },
  { section: 'training', path: 'scheduler.T_max', label: 'T_max', kind: 'int', when: sched('CosineAnnealingLR') },
  { section: 'training', path: 'scheduler.eta_min', label: 'eta_min', kind: 'num', when: sched('CosineAnnealingLR') },
  {
    section: 'training',
    path: 'scheduler.monitor',
    label: 'monitor',
    kind: 'enum',
    options: ['val_loss', 'val_acc', 'train_loss', 'train_acc'],
    when: sched('ReduceLROnPlateau'),
  },
  {
    section: 'training',
    path: 'scheduler.mode',
    label: 'mode',
    kind: 'enum',
    options: ['min', 'max'],
    when: sched('ReduceLROnPlateau'),
  },
  { section: 'training', path: 'scheduler.factor', label: 'factor', kind: 'num', when: sched('ReduceLROnPlateau') },
  { section: 'training', path: 'scheduler.patience', label: 'patience', kind: 'int', when: sched('ReduceLROnPlateau') },
  { section: 'training', path: 'scheduler.min_lr', label: 'min_lr', kind: 'num', when: sched('ReduceLROnPlateau') },
  {
    section: 'training',
    path: 'warmup.epochs',
    label: 'warm-up epochs',
    kind: 'int',
    note: 'LinearLR before the schedule',
  },
  {
    section: 'training',
    path: 'warmup.start_factor',
    label: 'start_factor',
    kind: 'num',
    when: (t) => t.warmup.epochs > 0,
  },
  { section: 'training', path: 'early_stopping.enabled', label: 'early stopping', kind: 'bool' },
  {
    section: 'training',
    path: 'early_stopping.monitor',
    label: 'monitor',
    kind: 'enum',
    options: ['val_loss', 'val_acc', 'train_loss', 'train_acc'],
    when: es,
  },
  { section: 'training', path: 'early_stopping.patience', label: 'patience', kind: 'int', when: es },
  { section: 'training', path: 'early_stopping.min_delta', label: 'min_delta', kind: 'num', when: es },
  { section: 'training', path: 'early_stopping.restore_best', label: 'restore best', kind: 'bool', when: es },
];
