/**
 * The course's remedies as fixes (DoctorFix values), shared by the lint rules and the curve
 * detectors: Dropout after the first hidden Linear, weight decay, early stopping, augmentation,
 * a lower learning rate, a StepLR schedule.
 */
import { consumers, typeOf, who } from './context';
import { isActivation } from './rules/util';
import type { DoctorFix, LintContext } from './types';

/** "Dropout 0.5 after fc1": after the activation that follows the first Linear feeding another Linear. */
export function dropoutRemedy(ctx: LintContext, p = 0.5): DoctorFix | null {
  const linears = ctx.analysis.order.filter((id) => typeOf(ctx, id) === 'Linear');
  for (const id of linears) {
    if (id === ctx.head) continue;
    let at = id;
    const next = consumers(ctx, id);
    if (next.length === 1 && isActivation(typeOf(ctx, next[0]))) at = next[0];
    const after = consumers(ctx, at);
    if (after.length === 1 && typeOf(ctx, after[0]) === 'Dropout') continue; // already there
    return {
      kind: 'insertAfter',
      nodeId: at,
      layerType: 'Dropout',
      params: { p },
      label: `add Dropout(p=${p}) after ${who(ctx, id)}`,
    };
  }
  return null;
}

export function weightDecayRemedy(ctx: LintContext, value = 1e-4): DoctorFix | null {
  const wd = ctx.training.weight_decay ?? 0;
  if (wd >= value) return null;
  return { kind: 'setTraining', patch: { weight_decay: value }, label: `add weight decay ${value}` };
}

export function earlyStoppingRemedy(ctx: LintContext, patience = 3): DoctorFix | null {
  if (ctx.training.early_stopping.enabled) return null;
  const patch: Record<string, unknown> = {
    early_stopping: { ...ctx.training.early_stopping, enabled: true, patience, monitor: 'val_loss' },
  };
  if (ctx.training.val_split === 0 && !ctx.training.kfold) patch.val_split = 0.1;
  return { kind: 'setTraining', patch, label: `enable early stopping, patience ${patience}` };
}

/** Flip and crop: only for image inputs ([C, H, W]) and when not already on. */
export function augmentRemedy(ctx: LintContext): DoctorFix | null {
  const input = ctx.graph.nodes.find((n) => n.type === 'Input');
  const shape = input ? ctx.analysis.nodes.get(input.id)?.shape : null;
  if (!shape || shape.length !== 3) return null;
  const current = ctx.dataset.augment
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const add = ['flip', 'crop=4'].filter((a) => !current.some((c) => c.split('=')[0] === a.split('=')[0]));
  if (add.length === 0) return null;
  return {
    kind: 'setDataset',
    patch: { augment: [...current, ...add].join(',') },
    label: 'add flip and crop augmentation',
  };
}

export function lowerLrRemedy(ctx: LintContext, to?: number): DoctorFix | null {
  const value =
    to ??
    (ctx.training.optimizer === 'sgd' ? Math.min(0.01, ctx.training.lr / 10) : Math.min(0.001, ctx.training.lr / 10));
  if (value >= ctx.training.lr) return null;
  return { kind: 'setTraining', patch: { lr: value }, label: `lower the learning rate to ${value}` };
}

export function raiseLrRemedy(ctx: LintContext): DoctorFix {
  const value = Number((ctx.training.lr * 10).toPrecision(3));
  return { kind: 'setTraining', patch: { lr: value }, label: `raise the learning rate to ${value}` };
}

export function stepLrRemedy(ctx: LintContext): DoctorFix | null {
  if (ctx.training.scheduler.name !== 'none') return null;
  const step = Math.max(1, Math.round(ctx.training.epochs / 3));
  return {
    kind: 'setTraining',
    patch: { scheduler: { name: 'StepLR', step_size: step, gamma: 0.1 } },
    label: `add a StepLR schedule (step_size ${step}, gamma 0.1)`,
  };
}

/** The remedies that fight overfitting, in the course's order, those that apply. */
export function overfittingRemedies(ctx: LintContext): DoctorFix[] {
  return [augmentRemedy(ctx), weightDecayRemedy(ctx), dropoutRemedy(ctx), earlyStoppingRemedy(ctx)].filter(
    (f): f is DoctorFix => f !== null,
  );
}
