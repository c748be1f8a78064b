/** The structural diff on templates: exactly the expected changes. */
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/types';
import { buildTemplate } from '../../templates';
import { makeVariant } from '../suggest';
import { formatDiff } from './format';
import { diffGraphs } from './graph-diff';
import { diffSettings, settingsTable } from './settings-diff';

function t(name: string): Graph {
  const r = buildTemplate(name);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const brief = (g: ReturnType<typeof diffGraphs>) => g.nodes.map((n) => `${n.status} ${n.type} ${n.path}`).sort();

describe('diffGraphs', () => {
  it('a graph against itself: nothing', () => {
    const d = diffGraphs(t('resnet18'), t('resnet18'));
    expect(d.nodes).toEqual([]);
    expect(d.containers).toEqual([]);
    expect(d.unchanged).toBe(t('resnet18').nodes.length);
  });

  it('VGG-11 against VGG-13: the two extra convolutions (and their ReLUs) of blocks 1 and 2, nothing else', () => {
    const d = diffGraphs(t('vgg11'), t('vgg13'));
    expect(brief(d)).toEqual([
      'added Conv2d features.2',
      'added Conv2d features.7',
      'added ReLU features.3',
      'added ReLU features.8',
    ]);
    expect(d.nodes.find((n) => n.path === 'features.2')?.params).toEqual({
      out_channels: 64,
      kernel_size: 3,
      padding: 1,
    });
    expect(d.containers).toEqual([]);
    expect(d.totals.b.params - d.totals.a.params).toBe(64 * 64 * 9 + 64 + 128 * 128 * 9 + 128);
  });

  it('ResNet-18 against ResNet-34: 8 BasicBlocks added (layer1.2, layer2.2-3, layer3.2-5, layer4.2), 7 nodes each', () => {
    const d = diffGraphs(t('resnet18'), t('resnet34'));
    expect(d.containers.map((c) => `${c.status} ${c.className} ${c.path}`)).toEqual(
      ['layer1.2', 'layer2.2', 'layer2.3', 'layer3.2', 'layer3.3', 'layer3.4', 'layer3.5', 'layer4.2'].map(
        (p) => `added BasicBlock ${p}`,
      ),
    );
    expect(d.nodes).toHaveLength(56);
    expect(d.nodes.every((n) => n.status === 'added')).toBe(true);
    const block = d.nodes
      .filter((n) => n.path.startsWith('layer3.4.'))
      .map((n) => n.type)
      .sort();
    expect(block).toEqual(['Add', 'BatchNorm2d', 'BatchNorm2d', 'Conv2d', 'Conv2d', 'ReLU', 'ReLU']);
    expect(d.totals).toEqual({
      a: expect.objectContaining({ params: 11689512 }),
      b: expect.objectContaining({ params: 21797672 }),
    });
  });

  it('LeNet-5 with a Dropout added after fc1: one node added, the rest matched although classifier indices shifted', () => {
    const a = t('lenet5');
    const fc1Relu = a.edges.find((e) => e.source === a.nodes.find((n) => n.type === 'Linear')?.id)?.target as string;
    const v = makeVariant(a, {
      kind: 'insertAfter',
      nodeId: fc1Relu,
      layerType: 'Dropout',
      params: { p: 0.5 },
      label: 'Dropout',
    });
    if (!v.ok) throw new Error(v.error);
    const d = diffGraphs(a, v.value);
    expect(brief(d)).toEqual(['added Dropout classifier.2']);
    expect(d.unchanged).toBe(a.nodes.length);
    expect(formatDiff(d)).toBe(
      [
        '+ Dropout classifier.2 (p=0.5)',
        '1 added, 0 removed, 0 changed, 0 moved, 13 unchanged; 0 setting(s) differ',
        'params: 61,706 → 61,706 (0); MACs: 416,520 → 416,520 (0)',
      ].join('\n'),
    );
  });

  it('changed parameters with old and new values, a removed node, a node moved between containers', () => {
    const a = t('lenet5');
    const fc1 = a.nodes.find((n) => n.type === 'Linear')?.id;
    const flat = a.nodes.find((n) => n.type === 'Flatten')?.id;
    const firstRelu = a.nodes.find((n) => n.type === 'ReLU')?.id;
    const b: Graph = {
      ...a,
      nodes: a.nodes
        .filter((n) => n.id !== firstRelu)
        .map((n) =>
          n.id === fc1
            ? { ...n, params: { ...n.params, out_features: 256 } }
            : n.id === flat
              ? { ...n, parent: a.modules.find((m) => m.name === 'classifier')?.id }
              : n,
        ),
      edges: a.edges
        .filter((e) => e.target !== firstRelu)
        .map((e) =>
          e.source === firstRelu ? { ...e, source: a.edges.find((x) => x.target === firstRelu)?.source as string } : e,
        ),
    };
    const d = diffGraphs(a, b);
    expect(d.nodes.find((n) => n.status === 'changed')).toMatchObject({
      type: 'Linear',
      changes: [{ param: 'out_features', old: 120, new: 256 }],
    });
    expect(d.nodes.find((n) => n.status === 'removed')).toMatchObject({ type: 'ReLU', path: 'features.1' });
    expect(d.nodes.find((n) => n.status === 'moved')).toMatchObject({
      type: 'Flatten',
      moved: { from: '', to: 'classifier' },
    });
    expect(formatDiff(d)).toContain('~ Linear classifier.1: out_features 120 → 256');
    expect(formatDiff(d)).toContain('> Flatten classifier.flatten: moved (root) → classifier');
  });
});

describe('settings side by side', () => {
  it('differences only, defaults filled on both sides', () => {
    expect(
      diffSettings(
        { training: { lr: 0.01 } },
        { training: { lr: 0.001, momentum: 0 }, dataset: { augment: 'flip,crop=4' } },
      ),
    ).toEqual([
      { key: 'training.lr', a: 0.01, b: 0.001 },
      { key: 'dataset.augment', a: '', b: 'flip,crop=4' },
    ]);
    const table = settingsTable({}, { training: { early_stopping: { enabled: true, patience: 3 } } });
    expect(table.filter((r) => r.differs).map((r) => r.key)).toEqual([
      'training.early_stopping.enabled',
      'training.early_stopping.patience',
    ]);
  });
});
