/** Activation memory at the chosen batch size against the device budget. */
import { checkTrainingMemory, largestFittingBatch } from '../../training/memory';
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'activation-memory',
  severity: 'warning',
  title: 'Training memory over the budget at this batch size',
  test(ctx) {
    const problem = checkTrainingMemory(ctx.analysis, ctx.training, ctx.memoryBudget);
    if (problem === null) return [];
    const fits = largestFittingBatch(ctx.analysis, ctx.training, ctx.memoryBudget, ctx.training.batch_size - 1);
    return [
      {
        message: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`,
        nodeIds: [],
        fixes:
          fits > 0
            ? [{ kind: 'setTraining' as const, patch: { batch_size: fits }, label: `set batch_size to ${fits}` }]
            : [],
      },
    ];
  },
};
