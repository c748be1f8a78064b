/** ReLU (or another clipping activation) on the logits: negative logits are cut to 0. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { bypassFix } from './util';

const CLIPPING = new Set(['ReLU', 'ReLU6']);

export const rule: LintRule = {
  id: 'relu-on-logits',
  severity: 'warning',
  title: 'ReLU on the logits',
  test(ctx) {
    const h = ctx.head;
    if (h === null || !CLIPPING.has(typeOf(ctx, h))) return [];
    return [
      {
        message: `${who(ctx, h)} is the last layer, so every negative logit becomes 0 and gets no gradient; the classes can no longer be pushed below each other: remove it so the last Linear gives the logits.`,
        nodeIds: [h],
        fixes: [bypassFix(ctx, h)],
      },
    ];
  },
};
