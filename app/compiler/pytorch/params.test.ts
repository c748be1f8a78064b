import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../templates';
import { generateModelPy } from './model-py';
import { findSlots, mergeInstances, NN_SIGNATURES } from './params';

describe('parametrized classes', () => {
  it('finds integer literals outside strings only', () => {
    const s = findSlots("self.add_module('a, 1)', nn.Conv2d(3, 8, kernel_size=(3, 3), stride=2))");
    expect(s.values).toEqual([3, 8, 3, 3, 2]);
  });

  it('turns differing numbers into named parameters, one per pattern', () => {
    const a = 'self.c = nn.Conv2d(16, 32, kernel_size=3, stride=1)\nself.b = nn.BatchNorm2d(32)';
    const b = 'self.c = nn.Conv2d(32, 64, kernel_size=3, stride=2)\nself.b = nn.BatchNorm2d(64)';
    const m = mergeInstances([a, b], NN_SIGNATURES);
    expect(m.params).toEqual(['in_channels', 'out_channels', 'stride']);
    expect(m.text).toBe(
      'self.c = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride)\nself.b = nn.BatchNorm2d(out_channels)',
    );
    expect(m.args).toEqual([
      [16, 32, 1],
      [32, 64, 2],
    ]);
  });

  it('ResNet-18 needs two block classes and DenseNet-121 one dense layer class', () => {
    const count = (name: string, cls: string) => {
      const g = buildTemplate(name);
      if (!g.ok) throw new Error(g.error);
      const r = generateModelPy(g.value);
      if (!r.ok) throw new Error(r.error);
      return r.value.code.split('\n').filter((l) => l.startsWith(`class ${cls}`)).length;
    };
    expect(count('resnet18', 'BasicBlock')).toBe(2);
    expect(count('densenet121', '_DenseLayer')).toBe(1);
  });
});
