/** Conv2d or Linear with bias=True right before a BatchNorm: the normalization subtracts the bias again. */
import { param, typeOf, who } from '../context';
import type { DoctorFix, LintRule } from '../types';
import { isBatchNorm, nodesOfType, onlyConsumer } from './util';

export const rule: LintRule = {
  id: 'bias-before-batchnorm',
  severity: 'info',
  title: 'Bias right before a BatchNorm',
  test(ctx) {
    const pairs = nodesOfType(ctx, (t) => t === 'Conv2d' || t === 'Linear').flatMap((id) => {
      const next = onlyConsumer(ctx, id);
      return next !== null && isBatchNorm(typeOf(ctx, next)) && param(ctx, id, 'bias') !== false
        ? [[id, next] as const]
        : [];
    });
    if (pairs.length === 0) return [];
    const fixes: DoctorFix[] = pairs.map(([id]) => ({
      kind: 'setParam',
      nodeId: ctx.byId.get(id)?.shares ?? id,
      param: 'bias',
      value: false,
      label: `set bias=False on ${who(ctx, id)}`,
    }));
    const [id, next] = pairs[0];
    const more = pairs.length > 1 ? ` (and ${pairs.length - 1} more layer${pairs.length > 2 ? 's' : ''} like it)` : '';
    return [
      {
        message: `${who(ctx, id)} has bias=True but feeds ${who(ctx, next)}, which subtracts the batch mean and so cancels the bias${more}: it is wasted parameters (torchvision's ResNets use bias=False here).`,
        nodeIds: pairs.flat(),
        fixes:
          fixes.length === 1 ? fixes : [{ kind: 'several', fixes, label: `set bias=False on all ${fixes.length}` }],
      },
    ];
  },
};
