/** A learning rate far from the optimizer's usual range. */
import type { LintRule } from '../types';

/** Usual learning rates per optimizer (PyTorch's examples and the course); below low/10 or above high*5, the rule speaks. */
export const USUAL_LR: Record<string, { low: number; high: number; typical: number }> = {
  sgd: { low: 1e-3, high: 0.1, typical: 0.01 },
  adam: { low: 1e-4, high: 3e-3, typical: 0.001 },
  adamw: { low: 1e-4, high: 3e-3, typical: 0.001 },
  rmsprop: { low: 1e-4, high: 3e-3, typical: 0.001 },
};

export const rule: LintRule = {
  id: 'lr-range',
  severity: 'warning',
  title: "Learning rate far from the optimizer's usual range",
  test(ctx) {
    const { optimizer, lr } = ctx.training;
    const u = USUAL_LR[optimizer];
    if (!u || (lr >= u.low / 10 && lr <= u.high * 5)) return [];
    const why =
      lr > u.high
        ? 'the loss will likely jump around or diverge (NaN)'
        : 'the loss will fall so slowly that the run ends before it learns';
    return [
      {
        message: `lr ${lr} is far from ${optimizer === 'sgd' ? 'SGD' : optimizer}'s usual ${u.low}–${u.high}: ${why}; start from ${u.typical}.`,
        nodeIds: [],
        fixes: [{ kind: 'setTraining' as const, patch: { lr: u.typical }, label: `set lr to ${u.typical}` }],
      },
    ];
  },
};
