/**
 * Two weight penalties at once with the Adam family: Adam's weight_decay is an L2 term added to the
 * gradient (then rescaled per parameter, so it regularizes unevenly: AdamW decouples it), and AdamW
 * with an explicit weight_decay plus an L1 term penalizes the weights twice.
 */
import { effectiveWeightDecay } from '../../training/settings';
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'decay-and-l2',
  severity: 'warning',
  title: 'Weight decay with AdamW and an L1/L2 penalty both set',
  test(ctx) {
    const t = ctx.training;
    if (t.optimizer === 'adam' && (t.weight_decay ?? 0) > 0) {
      return [
        {
          message: `Adam's weight_decay ${t.weight_decay} is an L2 term that Adam rescales per parameter, so the weights that move most are decayed least; AdamW decouples the decay as intended.`,
          nodeIds: [],
          fixes: [{ kind: 'setTraining' as const, patch: { optimizer: 'adamw' }, label: 'switch to AdamW' }],
        },
      ];
    }
    if (t.optimizer === 'adamw' && effectiveWeightDecay(t) > 0 && t.l1 > 0) {
      return [
        {
          message: `AdamW already decays the weights (weight_decay ${effectiveWeightDecay(t)}) and l1 ${t.l1} adds a second penalty on them: keep one, or the weights are pulled to 0 twice as hard as intended.`,
          nodeIds: [],
          fixes: [{ kind: 'setTraining' as const, patch: { l1: 0 }, label: 'set l1 to 0' }],
        },
      ];
    }
    return [];
  },
};
