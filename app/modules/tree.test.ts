import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { GraphBuilder } from '../templates/builder';
import {
  buildModuleTree,
  children,
  countParameters,
  modules,
  namedBuffers,
  namedModules,
  namedParameters,
  reprLineCount,
  reprModel,
} from '.';

describe('buildModuleTree rules', () => {
  it('orders children by the document order of their first node, not by the modules list', () => {
    const b = new GraphBuilder('Net');
    const head = b.module('head', 'Sequential');
    const body = b.module('body', 'Sequential');
    const x = b.input([3, 8, 8]);
    const c = b.layer('Conv2d', { out_channels: 4, kernel_size: 3 }, x, { parent: body });
    b.layer('Flatten', {}, c, { parent: head });
    const tree = buildModuleTree(b.build());
    expect(children(tree.root).map((m) => m.name)).toEqual(['body', 'head']);
  });

  it('does not register functional nodes, shares nodes, Input/Add; counts shared parameters once', () => {
    const b = new GraphBuilder('Block');
    const x = b.input([4, 8, 8]);
    const conv = b.layer('Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 }, x, { name: 'conv' });
    const again = b.layer('Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 }, conv, { shares: conv });
    const sum = b.layer('Add', {}, [again, x], { functional: true });
    b.layer('ReLU', {}, sum, { functional: true });
    const g = b.build();
    const tree = buildModuleTree(g, analyzeGraph(g));
    expect(namedModules(tree).map(([n]) => n)).toEqual(['', 'conv']);
    expect(namedParameters(tree).map((p) => p.name)).toEqual(['conv.weight', 'conv.bias']);
    expect(countParameters(tree.root).total).toBe(4 * 4 * 9 + 4);
    expect(tree.byNode.get(again)).toBe(tree.byNode.get(conv));
    expect(reprModel(tree)).toBe(
      'Block(\n  (conv): Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n)',
    );
  });

  it('gives unnamed children of a custom module PyTorch-like defaults and prints empty modules as Name()', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([3, 8, 8]);
    b.module('extra', 'Module', { className: 'Extra' });
    const c = b.layer('Conv2d', { out_channels: 4, kernel_size: 3 }, x);
    const n = b.layer('BatchNorm2d', {}, c);
    b.layer('ReLU', {}, n);
    const g = b.build();
    const tree = buildModuleTree(g, analyzeGraph(g));
    expect(children(tree.root).map((m) => m.name)).toEqual(['conv1', 'bn1', 'relu', 'extra']);
    expect(namedBuffers(tree).map((t) => t.name)).toEqual([
      'bn1.running_mean',
      'bn1.running_var',
      'bn1.num_batches_tracked',
    ]);
    expect(reprModel(tree).endsWith('  (extra): Extra()\n)')).toBe(true);
  });

  it('survives a module parent cycle and unknown parents (hung off the root)', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    b.layer('Linear', { out_features: 2 }, x, { parent: 'nowhere' });
    const g = b.build();
    g.modules.push(
      { id: 'a', name: 'a', kind: 'Module', parent: 'b' },
      { id: 'b', name: 'b', kind: 'Sequential', parent: 'a' },
    );
    const tree = buildModuleTree(g);
    expect(modules(tree).length).toBeGreaterThanOrEqual(2);
    expect(namedModules(tree)[1][0]).toBe('fc1');
  });

  it('handles modules nested thousands of levels deep without overflowing the stack', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    let parent: string | undefined;
    for (let i = 0; i < 2000; i++) parent = b.module(`b${i}`, 'Module', { parent, className: 'Block' });
    b.layer('Linear', { out_features: 2 }, x, { parent });
    const g = b.build();
    const tree = buildModuleTree(g, analyzeGraph(g));
    expect(modules(tree).length).toBe(2002);
    expect(countParameters(tree.root).total).toBe(10);
    const text = reprModel(tree);
    expect(text.split('\n').length).toBe(reprLineCount(tree.root));
    expect(text.split('\n')[2001]).toBe(`${'  '.repeat(2001)}(fc1): Linear(in_features=4, out_features=2, bias=True)`);
    expect(namedParameters(tree)[0].name).toBe(
      `${Array.from({ length: 2000 }, (_, i) => `b${i}`).join('.')}.fc1.weight`,
    );
  });

  it('maps a chain of shares to the one registered module', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    const a = b.layer('ReLU', {}, x, { name: 'act' });
    const b2 = b.layer('ReLU', {}, a, { shares: a });
    const c = b.layer('ReLU', {}, b2, { shares: b2 });
    const tree = buildModuleTree(b.build());
    expect(namedModules(tree).map(([n]) => n)).toEqual(['', 'act']);
    expect(tree.byNode.get(c)).toBe(tree.byNode.get(a));
  });
});
