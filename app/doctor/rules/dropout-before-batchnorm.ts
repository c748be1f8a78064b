/** Dropout right before a BatchNorm: the statistics seen in train() and eval() differ (the "variance shift"). */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { bypassFix, isBatchNorm, isDropout, nodesOfType, onlyConsumer } from './util';

export const rule: LintRule = {
  id: 'dropout-before-batchnorm',
  severity: 'warning',
  title: 'Dropout right before a BatchNorm',
  test(ctx) {
    return nodesOfType(ctx, isDropout).flatMap((id) => {
      const next = onlyConsumer(ctx, id);
      if (next === null || !isBatchNorm(typeOf(ctx, next))) return [];
      return [
        {
          message: `${who(ctx, id)} feeds ${who(ctx, next)}: BatchNorm learns its running variance on dropped-out activations in train() and then sees full ones in eval(), so test accuracy drops; put Dropout after the BatchNorm (and its activation), or remove it.`,
          nodeIds: [id, next],
          fixes: [bypassFix(ctx, id)],
        },
      ];
    });
  },
};
