/**
 * `netloom train` flags -> overrides of the project's `training` and `dataset` settings.
 * Scheduler: `--scheduler StepLR,step_size=5,gamma=0.5`; early stopping:
 * `--early-stopping 3` or `--early-stopping 3,monitor=val_acc,min_delta=0.001`.
 */
import { err, ok, type Result } from '../../../app/result';

export type TrainFlags = Record<string, string | boolean | undefined>;

export const TRAIN_OPTIONS = {
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  limit: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  nesterov: { type: 'boolean' },
  'weight-decay': { type: 'string' },
  l1: { type: 'string' },
  loss: { type: 'string' },
  scheduler: { type: 'string' },
  warmup: { type: 'string' },
  'early-stopping': { type: 'string' },
  'clip-grad-norm': { type: 'string' },
  'val-split': { type: 'string' },
  backend: { type: 'string' },
  workers: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  'init-from': { type: 'string' },
  kfold: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function number(flag: string, v: string): Result<number> {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? ok(n) : err(`--${flag} must be a number, got '${v}'.`);
}

/** `Name,key=value,...` -> { name, key: number | number[] | string }. */
function keyValues(flag: string, v: string, head: string): Result<Record<string, unknown>> {
  const [first, ...rest] = v.split(',');
  const out: Record<string, unknown> = { [head]: first };
  for (const kv of rest) {
    const [k, val] = kv.split('=');
    if (!k || val === undefined) return err(`--${flag}: '${kv}' must be key=value.`);
    if (val.includes(';')) out[k] = val.split(';').map(Number);
    else out[k] = Number.isFinite(Number(val)) && val.trim() !== '' ? Number(val) : val;
  }
  return ok(out);
}

const NUMERIC: [string, string][] = [
  ['epochs', 'epochs'],
  ['batch-size', 'batch_size'],
  ['lr', 'lr'],
  ['momentum', 'momentum'],
  ['weight-decay', 'weight_decay'],
  ['l1', 'l1'],
  ['clip-grad-norm', 'clip_grad_norm'],
  ['val-split', 'val_split'],
  ['seed', 'seed'],
];

export function trainingOverrides(f: TrainFlags): Result<Record<string, unknown>> {
  const o: Record<string, unknown> = {};
  for (const [flag, key] of NUMERIC) {
    const v = f[flag];
    if (typeof v !== 'string') continue;
    const n = number(flag, v);
    if (!n.ok) return n;
    o[key] = n.value;
  }
  if (typeof f.optimizer === 'string') o.optimizer = f.optimizer.toLowerCase();
  if (f.nesterov === true) o.nesterov = true;
  if (typeof f.loss === 'string') o.loss = f.loss;
  if (typeof f.scheduler === 'string') {
    const s = keyValues('scheduler', f.scheduler, 'name');
    if (!s.ok) return s;
    o.scheduler = s.value;
  }
  if (typeof f.warmup === 'string') {
    const w = keyValues('warmup', f.warmup, 'epochs');
    if (!w.ok) return w;
    o.warmup = { ...w.value, epochs: Number(w.value.epochs) };
  }
  if (typeof f['early-stopping'] === 'string') {
    const e = keyValues('early-stopping', f['early-stopping'], 'patience');
    if (!e.ok) return e;
    o.early_stopping = { enabled: true, ...e.value, patience: Number(e.value.patience) };
  }
  return ok(o);
}

export function datasetOverrides(
  f: TrainFlags,
  parsedSource: Record<string, unknown> | null,
): Result<Record<string, unknown>> {
  const o: Record<string, unknown> = { ...(parsedSource ?? {}) };
  if (typeof f['data-dir'] === 'string') o.dataDir = f['data-dir'];
  if (typeof f.limit === 'string') {
    const n = number('limit', f.limit);
    if (!n.ok) return n;
    o.limit = n.value;
  }
  return ok(o);
}
