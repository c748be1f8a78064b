/** momentum set with Adam or AdamW, which ignore it (their momentum is betas[0]). */
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'momentum-with-adam',
  severity: 'warning',
  title: 'Momentum with Adam',
  test(ctx) {
    const { optimizer, momentum, betas } = ctx.training;
    if ((optimizer !== 'adam' && optimizer !== 'adamw') || momentum === 0) return [];
    return [
      {
        message: `momentum ${momentum} does nothing with ${optimizer === 'adam' ? 'Adam' : 'AdamW'}: its momentum is betas[0] (now ${betas[0]}); clear momentum, or change betas.`,
        nodeIds: [],
        fixes: [{ kind: 'setTraining' as const, patch: { momentum: 0 }, label: 'set momentum to 0' }],
      },
    ];
  },
};
