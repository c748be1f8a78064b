/** BatchNorm1d with a batch size of 1: PyTorch refuses (one value per channel has no variance). */
import { who } from '../context';
import type { LintRule } from '../types';
import { nodesOfType } from './util';

export const rule: LintRule = {
  id: 'batchnorm-batch-size-1',
  severity: 'error',
  title: 'BatchNorm with a batch size of 1',
  test(ctx) {
    if (ctx.training.batch_size !== 1) return [];
    const bn = nodesOfType(ctx, (t) => t === 'BatchNorm1d');
    if (bn.length === 0) return [];
    return [
      {
        message: `${who(ctx, bn[0])}${bn.length > 1 ? ` and ${bn.length - 1} more` : ''} normalizes over the batch, and batch_size is 1: a single value per channel has no variance (PyTorch raises "Expected more than 1 value per channel when training"); use a batch size of 16 or more.`,
        nodeIds: bn,
        fixes: [{ kind: 'setTraining' as const, patch: { batch_size: 32 }, label: 'set batch_size to 32' }],
      },
    ];
  },
};
