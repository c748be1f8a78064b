/** Two activations in a row: the second is redundant (ReLU after ReLU) or distorts the first. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { bypassFix, isActivation, nodesOfType, onlyConsumer } from './util';

export const rule: LintRule = {
  id: 'double-activation',
  severity: 'warning',
  title: 'Two activations in a row',
  test(ctx) {
    return nodesOfType(ctx, isActivation).flatMap((id) => {
      const next = onlyConsumer(ctx, id);
      if (next === null || !isActivation(typeOf(ctx, next)) || next === ctx.head) return [];
      const same = typeOf(ctx, id) === typeOf(ctx, next);
      return [
        {
          message: same
            ? `${who(ctx, next)} follows ${who(ctx, id)}: the same activation twice changes nothing but costs a pass; remove one.`
            : `${who(ctx, next)} follows ${who(ctx, id)}: two activations in a row squash the values twice; keep one.`,
          nodeIds: [id, next],
          fixes: [bypassFix(ctx, next)],
        },
      ];
    });
  },
};
