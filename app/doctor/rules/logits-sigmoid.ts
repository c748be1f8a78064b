/** Sigmoid on the output while the loss is BCEWithLogitsLoss, which applies the sigmoid itself. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { bypassFix } from './util';

export const rule: LintRule = {
  id: 'sigmoid-before-bce-with-logits',
  severity: 'warning',
  title: 'Sigmoid before BCEWithLogitsLoss',
  test(ctx) {
    const h = ctx.head;
    if (h === null || ctx.training.loss !== 'BCEWithLogitsLoss' || typeOf(ctx, h) !== 'Sigmoid') return [];
    return [
      {
        message: `${who(ctx, h)} feeds BCEWithLogitsLoss, which applies the sigmoid itself, so the outputs are squashed twice and learning stalls: end the network with the logits.`,
        nodeIds: [h],
        fixes: [bypassFix(ctx, h)],
      },
    ];
  },
};
