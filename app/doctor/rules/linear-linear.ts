/** Linear -> Linear with no non-linearity between: the two collapse to one linear map. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { isLinearPassThrough, nodesOfType, onlyConsumer } from './util';

export const rule: LintRule = {
  id: 'linear-linear',
  severity: 'warning',
  title: 'Linear → Linear without a non-linearity',
  test(ctx) {
    return nodesOfType(ctx, (t) => t === 'Linear').flatMap((id) => {
      let next = onlyConsumer(ctx, id);
      while (next !== null && isLinearPassThrough(typeOf(ctx, next))) next = onlyConsumer(ctx, next);
      if (next === null || typeOf(ctx, next) !== 'Linear') return [];
      return [
        {
          message: `${who(ctx, id)} feeds ${who(ctx, next)} with no activation between them, so the two compute one linear map (W2·W1·x) and add parameters but no capacity: insert a ReLU.`,
          nodeIds: [id, next],
          fixes: [
            {
              kind: 'insertBefore' as const,
              nodeId: next,
              layerType: 'ReLU',
              label: `insert ReLU before ${who(ctx, next)}`,
            },
          ],
        },
      ];
    });
  },
};
