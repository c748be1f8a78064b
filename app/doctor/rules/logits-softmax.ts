/** Softmax or LogSoftmax on the output while the loss is CrossEntropyLoss, which applies log-softmax itself. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { bypassFix } from './util';

export const rule: LintRule = {
  id: 'softmax-before-cross-entropy',
  severity: 'warning',
  title: 'Softmax or LogSoftmax before CrossEntropyLoss',
  test(ctx) {
    const h = ctx.head;
    if (h === null || ctx.training.loss !== 'CrossEntropyLoss') return [];
    const t = typeOf(ctx, h);
    if (t !== 'Softmax' && t !== 'LogSoftmax') return [];
    return [
      {
        message: `${who(ctx, h)} feeds CrossEntropyLoss, which applies log-softmax itself, so the ${t} is applied twice and squashes the gradients: end the network with the logits (the last Linear).`,
        nodeIds: [h],
        fixes: [bypassFix(ctx, h)],
      },
    ];
  },
};
