/** Optimizer steps and lr schedules equal torch.optim's (one python process for all cases). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { makeRng } from '../data/rng';
import { lossValue } from './losses';
import { createOptimizer } from './optimizers';
import { createSchedule } from './schedules';
import { parseTrainingSettings, schedulerSchema } from './settings';
import { clipGradNorm } from './step';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const rng = makeRng(42);
const rand = (n: number) => Array.from({ length: n }, () => rng.normal());
const shapes = [[3, 4], [5]];
const STEPS = 6;

const optCases: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['sgd', { optimizer: 'sgd', lr: 0.1 }, { lr: 0.1 }],
  ['sgd momentum', { optimizer: 'sgd', lr: 0.05, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
  [
    'sgd dampening+wd',
    { optimizer: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.5, weight_decay: 0.01 },
    { lr: 0.05, momentum: 0.9, dampening: 0.5, weight_decay: 0.01 },
  ],
  [
    'sgd nesterov',
    { optimizer: 'sgd', lr: 0.05, momentum: 0.8, nesterov: true, weight_decay: 0.001 },
    { lr: 0.05, momentum: 0.8, nesterov: true, weight_decay: 0.001 },
  ],
  ['adam', { optimizer: 'adam', lr: 0.01 }, { lr: 0.01 }],
  [
    'adam wd amsgrad',
    { optimizer: 'adam', lr: 0.02, weight_decay: 0.1, amsgrad: true, betas: [0.8, 0.99] },
    { lr: 0.02, weight_decay: 0.1, amsgrad: true, betas: [0.8, 0.99] },
  ],
  ['adamw', { optimizer: 'adamw', lr: 0.01, weight_decay: 0.05 }, { lr: 0.01, weight_decay: 0.05 }],
  ['adamw default wd', { optimizer: 'adamw', lr: 0.01 }, { lr: 0.01 }],
  ['rmsprop', { optimizer: 'rmsprop', lr: 0.01 }, { lr: 0.01 }],
  [
    'rmsprop centered momentum wd',
    { optimizer: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5, weight_decay: 0.01, alpha: 0.9 },
    { lr: 0.01, centered: true, momentum: 0.5, weight_decay: 0.01, alpha: 0.9 },
  ],
];
const optData = optCases.map(([id, settings, kwargs]) => ({
  id,
  settings,
  name: settings.optimizer as string,
  kwargs,
  params: shapes.map((s) => ({ shape: s, values: rand(s.reduce((a, b) => a * b, 1)) })),
  grads: Array.from({ length: STEPS }, () => shapes.map((s) => rand(s.reduce((a, b) => a * b, 1)))),
}));

const metrics = [1, 0.9, 0.95, 0.97, 0.8, 0.85, 0.86, 0.87, 0.88, 0.7, 0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77];
const schedCases: [string, Record<string, unknown>, { epochs: number; start_factor: number } | null][] = [
  ['StepLR', { name: 'StepLR', step_size: 3, gamma: 0.5 }, null],
  ['MultiStepLR', { name: 'MultiStepLR', milestones: [2, 5, 6], gamma: 0.3 }, null],
  ['ExponentialLR', { name: 'ExponentialLR', gamma: 0.9 }, null],
  ['CosineAnnealingLR', { name: 'CosineAnnealingLR', T_max: 5, eta_min: 0.001 }, null],
  ['ReduceLROnPlateau', { name: 'ReduceLROnPlateau', patience: 1, factor: 0.5, cooldown: 1 }, null],
  [
    'ReduceLROnPlateau abs max',
    { name: 'ReduceLROnPlateau', mode: 'max', patience: 2, threshold: 0.05, threshold_mode: 'abs' },
    null,
  ],
  ['warm-up + cosine', { name: 'CosineAnnealingLR', T_max: 10 }, { epochs: 3, start_factor: 0.25 }],
  ['warm-up alone', { name: 'none' }, { epochs: 4, start_factor: 0.1 }],
];
const schedData = schedCases.map(([id, s, warmup]) => {
  const { name, ...kwargs } = s;
  return {
    id,
    s,
    name,
    kwargs: name === 'ReduceLROnPlateau' ? { mode: 'min', ...kwargs } : kwargs,
    warmup,
    lr: 0.1,
    epochs: metrics.length,
    metrics,
  };
});

const lossData = (['CrossEntropyLoss', 'MSELoss', 'BCEWithLogitsLoss'] as const).flatMap((name) =>
  [
    [6, 4],
    [5, 1],
  ]
    .filter(([, c]) => c > 1 || name === 'BCEWithLogitsLoss')
    .map((shape) => ({
      id: `${name} ${shape.join('x')}`,
      name,
      shape,
      logits: rand(shape[0] * shape[1]).map((v) => v * 3),
      labels: Array.from({ length: shape[0] }, (_, i) => (i * 7) % Math.max(shape[1], 2)),
    })),
);
const clipData = [0.5, 100].map((maxNorm) => ({
  id: `clip ${maxNorm}`,
  max_norm: maxNorm,
  grads: shapes.map((s) => ({ shape: s, values: rand(s.reduce((a, b) => a * b, 1)) })),
}));

let ref: {
  optimizers: Record<string, number[][][]>;
  schedules: Record<string, number[]>;
  losses: Record<string, { value: number; grad: number[] }>;
  clips: Record<string, { norm: number; grads: number[][] }>;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  const dir = mkdtempSync(join(tmpdir(), 'netloom-optim-'));
  try {
    writeFileSync(
      join(dir, 'in.json'),
      JSON.stringify({ optimizers: optData, schedules: schedData, losses: lossData, clips: clipData }),
    );
    const script = fileURLToPath(new URL('./torch_ref.py', import.meta.url));
    try {
      execFileSync('/usr/bin/python3', [script, join(dir, 'in.json'), join(dir, 'out.json')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      throw new Error(
        `PyTorch reference failed (install Debian's python3-torch): ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`,
      );
    }
    ref = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('optimizers = torch.optim over several steps (1e-5)', () => {
  it.each(optData.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const s = parseTrainingSettings(c.settings);
    if (!s.ok) throw new Error(s.error);
    const vars = c.params.map((p) => tf.variable(tf.tensor(p.values, p.shape)));
    const opt = createOptimizer(tf, vars, s.value);
    c.grads.forEach((step, k) => {
      const gs = step.map((g, i) => tf.tensor(g, c.params[i].shape));
      opt.step(gs);
      tf.dispose(gs);
      vars.forEach((v, i) => {
        const mine = v.dataSync();
        const want = ref.optimizers[c.id][k][i];
        const err = Math.max(...want.map((w, j) => Math.abs(w - mine[j])));
        expect(err, `step ${k + 1} param ${i}`).toBeLessThan(1e-5);
      });
    });
    opt.dispose();
    tf.dispose(vars);
  });
});

describe('lr schedules = torch.optim.lr_scheduler', () => {
  it.each(schedData.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const s = schedulerSchema.parse(c.s);
    const sch = createSchedule(c.lr, s, c.warmup ?? undefined);
    const lrs: number[] = [];
    for (let e = 0; e < c.epochs; e++) {
      lrs.push(sch.lr);
      sch.step(c.metrics[e]);
    }
    lrs.forEach((lr, e) => expect(Math.abs(lr - ref.schedules[c.id][e]), `epoch ${e}`).toBeLessThan(1e-9));
  });
});

describe('losses = torch.nn.functional (mean reduction): value and gradient', () => {
  it.each(lossData.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const labels = tf.tensor1d(c.labels, 'int32');
    const { value, grad } = tf.valueAndGrad((x: Tensor) => lossValue(tf, c.name, x, labels) as tfc.Scalar)(
      tf.tensor(c.logits, c.shape),
    );
    expect(Math.abs(value.dataSync()[0] - ref.losses[c.id].value)).toBeLessThan(1e-5);
    const want = ref.losses[c.id].grad;
    const mine = grad.dataSync();
    expect(Math.max(...want.map((w, j) => Math.abs(w - mine[j])))).toBeLessThan(1e-6);
  });
});

describe('clip_grad_norm_ = torch.nn.utils.clip_grad_norm_', () => {
  it.each(clipData.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const grads = c.grads.map((g) => tf.tensor(g.values, g.shape));
    const norm = clipGradNorm(tf, grads, c.max_norm);
    expect(Math.abs(norm - ref.clips[c.id].norm)).toBeLessThan(1e-4);
    grads.forEach((g, i) => {
      const mine = g?.dataSync() ?? [];
      const want = ref.clips[c.id].grads[i];
      expect(Math.max(...want.map((w, j) => Math.abs(w - mine[j])))).toBeLessThan(1e-5);
    });
    tf.dispose(grads.filter((g): g is NonNullable<typeof g> => g !== null));
  });
});
