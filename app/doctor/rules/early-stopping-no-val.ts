/** Early stopping on a validation metric without a validation split. */
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'early-stopping-without-validation',
  severity: 'error',
  title: 'Early stopping without a validation split',
  test(ctx) {
    const t = ctx.training;
    if (!t.early_stopping.enabled || !t.early_stopping.monitor.startsWith('val_') || t.val_split > 0 || t.kfold)
      return [];
    return [
      {
        message: `early stopping watches ${t.early_stopping.monitor}, but val_split is 0, so there is no validation set to watch and the run can never stop early: hold out a validation split (0.1).`,
        nodeIds: [],
        fixes: [{ kind: 'setTraining' as const, patch: { val_split: 0.1 }, label: 'set val_split to 0.1' }],
      },
    ];
  },
};
