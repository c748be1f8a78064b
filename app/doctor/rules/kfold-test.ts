/** K-fold where no test split is held out of the folds (a source without its own test split). */
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'kfold-test-from-folds',
  severity: 'warning',
  title: 'K-fold with the test split drawn from the folds',
  test(ctx) {
    const d = ctx.dataset;
    if (!ctx.training.kfold || (d.name !== 'csv' && d.name !== 'folder') || d.testSplit > 0) return [];
    return [
      {
        message: `K-fold cuts every sample of this ${d.name} dataset into the folds and testSplit is 0, so a test score would be read from data the folds trained and validated on${d.name === 'folder' ? ' (unless the folder has its own test/ subfolder)' : ''}: hold out a test split before the folds.`,
        nodeIds: [],
        fixes: [{ kind: 'setDataset' as const, patch: { testSplit: 0.1 }, label: 'hold out a test split of 0.1' }],
      },
    ];
  },
};
