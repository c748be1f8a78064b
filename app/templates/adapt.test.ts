import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { adaptTemplate } from './adapt';
import { buildTemplate } from './index';

function adapted(name: string, fit: Parameters<typeof adaptTemplate>[2]) {
  const t = buildTemplate(name);
  if (!t.ok) throw new Error(t.error);
  return adaptTemplate(t.value, name, fit);
}

describe('templates for another dataset', () => {
  // sum(p.numel() for p in torchvision.models.NAME(num_classes=10).parameters())
  // (googlenet with aux_logits=False), printed by torchvision 0.14
  it.each([
    ['resnet18', 11_181_642],
    ['vgg16_bn', 134_309_962],
    ['googlenet', 5_610_154],
    ['densenet121', 6_964_106],
    ['mobilenet_v2', 2_236_682],
  ])('%s with 10 classes on 3x32x32 has torchvision num_classes=10 parameters', (name, params) => {
    const r = adapted(name, { input: [3, 32, 32], classes: 10 });
    if (!r.ok) throw new Error(r.error);
    const a = analyzeGraph(r.value);
    expect(a.errors).toEqual([]);
    expect(a.totalParams).toBe(params);
    expect(r.value.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([3, 32, 32]);
  });

  it('a shape the network cannot take is refused with the layer and the reason', () => {
    const r = adapted('lenet5', { input: [1, 8, 8] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^lenet5 does not take input \[1, 8, 8\]: Conv2d .*kernel/);
  });

  it('bad shapes and class counts are refused before anything is built', () => {
    const bad = [
      adapted('resnet18', { input: [3, 0, 32] }),
      adapted('resnet18', { classes: 0 }),
      adapted('resnet18', { classes: 2.5 }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.split(':')[0]))).toEqual([
      'input shape [3, 0, 32]',
      'classes 0',
      'classes 2.5',
    ]);
  });
});
