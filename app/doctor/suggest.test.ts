import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { buildTemplate } from '../templates';
import type { Graph } from '../graph/types';
import { makeVariant, remediesFor } from './suggest';

function lenet(): Graph {
  const r = buildTemplate('lenet5');
  if (!r.ok) throw new Error(r.error);
  return {
    ...r.value,
    training: { optimizer: 'sgd', lr: 1, momentum: 0.9, epochs: 6 },
    runs: [{ id: 'r1', dir: 'x', createdAt: '2026-01-01' }],
  };
}

describe('remedies as actions', () => {
  it('overfitting on LeNet-5: augmentation, weight decay 1e-4, Dropout 0.5 after fc1 (classifier.0), early stopping patience 3', () => {
    const fixes = remediesFor(lenet(), { remedies: ['augment', 'weight-decay', 'dropout', 'early-stopping'] });
    expect(fixes.map((f) => f.label)).toEqual([
      'add flip and crop augmentation',
      'add weight decay 0.0001',
      'add Dropout(p=0.5) after Linear classifier.0',
      'enable early stopping, patience 3',
    ]);
  });

  it("the Dropout variant: a Dropout(0.5) right after fc1's ReLU, a valid graph, no runs, a description", () => {
    const g = lenet();
    const [fix] = remediesFor(g, { remedies: ['dropout'] });
    const v = makeVariant(g, fix);
    if (!v.ok) throw new Error(v.error);
    expect(analyzeGraph(v.value).errors).toEqual([]);
    const drop = v.value.nodes.find((n) => n.type === 'Dropout');
    expect(drop?.params).toEqual({ p: 0.5 });
    const into = v.value.edges.find((e) => e.target === drop?.id);
    const fc1 = g.nodes.find((n) => n.type === 'Linear');
    const relu = g.edges.find((e) => e.source === fc1?.id)?.target;
    expect(into?.source).toBe(relu);
    expect(v.value.runs).toBeUndefined();
    expect(v.value.description).toBe('Variant of LeNet5: add Dropout(p=0.5) after Linear classifier.0');
  });

  it('divergence at lr 1: lower the learning rate to 0.001, add a StepLR schedule, clip the gradient', () => {
    const fixes = remediesFor(lenet(), { remedies: ['lower-lr', 'step-lr', 'clip-grad'] });
    expect(fixes.map((f) => f.label)).toEqual([
      'lower the learning rate to 0.001',
      'add a StepLR schedule (step_size 2, gamma 0.1)',
      'clip the gradient norm at 1.0',
    ]);
    const v = makeVariant(lenet(), fixes[1]);
    expect(v.ok && v.value.training?.scheduler).toEqual({ name: 'StepLR', step_size: 2, gamma: 0.1 });
  });
});
