/** Capacity against data: many parameters per training sample make memorizing the training set easy. */
import { overfittingRemedies } from '../remedies';
import type { LintRule } from '../types';

/** Above this many trainable parameters per training sample the rule speaks. */
export const PARAMS_PER_SAMPLE = 50;

export const rule: LintRule = {
  id: 'params-per-sample',
  severity: 'info',
  title: 'Many parameters per training sample',
  test(ctx) {
    const n = ctx.trainSamples;
    const p = ctx.analysis.trainableParams;
    if (n === null || p === 0 || p / n <= PARAMS_PER_SAMPLE) return [];
    const ratio = Math.round(p / n);
    return [
      {
        message: `${p.toLocaleString('en-US')} trainable parameters for ${n.toLocaleString('en-US')} training samples (${ratio} per sample): the network can memorize the training set and overfit; the course's remedies are more data, augmentation, weight decay and Dropout.`,
        nodeIds: [],
        fixes: overfittingRemedies(ctx),
      },
    ];
  },
};
