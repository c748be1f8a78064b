/** The module tree rebuilt from operator scopes and parameter names (modules.ts), on small flat graphs. */
import { describe, expect, it } from 'vitest';
import { buildModuleTree, reprModel } from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { GraphBuilder } from '../templates/builder';
import { modulePathOfParam, type NodeOrigin, restoreModules, scopeOfNodeName } from './modules';

describe('scopes and parameter paths', () => {
  it("reads torch.onnx's node names and state_dict names", () => {
    expect(scopeOfNodeName('/layer1/layer1.0/conv1/Conv')).toEqual(['layer1', '0', 'conv1']);
    expect(scopeOfNodeName('/0/body/body.0/body.0.0/Conv')).toEqual(['0', 'body', '0', '0']);
    expect(scopeOfNodeName('/Flatten')).toEqual([]);
    expect(scopeOfNodeName('Conv_0')).toBeUndefined();
    expect(scopeOfNodeName('/a//Conv')).toBeUndefined();
    expect(scopeOfNodeName('/a b/Conv')).toBeUndefined();
    expect(modulePathOfParam('features.0.weight')).toBe('features.0');
    expect(modulePathOfParam('onnx::Conv_193')).toBeUndefined();
    expect(modulePathOfParam('fc.scale')).toBeUndefined();
  });
});

describe('restoreModules', () => {
  it('rebuilds Sequentials and custom modules, with unique ids for paths that read alike', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    const l1 = b.layer('Linear', { out_features: 3 }, x);
    const r = b.layer('ReLU', {}, l1);
    const l2 = b.layer('Linear', { out_features: 2 }, r);
    const flat = b.build();
    const origins = new Map<string, NodeOrigin>([
      [l1, { paramPath: 'a.b_c.0' }],
      [r, { scope: ['a', 'b_c', '1'] }],
      [l2, { paramPath: 'a_b.c' }],
    ]);
    const { graph, note } = restoreModules(flat, origins);
    expect(note).toBeUndefined();
    expect(new Set(graph.modules.map((m) => m.id)).size).toBe(graph.modules.length);
    expect(reprModel(buildModuleTree(graph, analyzeGraph(graph)))).toBe(
      'Net(\n  (a): A(\n    (b_c): Sequential(\n      (0): Linear(in_features=4, out_features=3, bias=True)\n      (1): ReLU()\n    )\n  )\n' +
        '  (a_b): AB(\n    (c): Linear(in_features=3, out_features=2, bias=True)\n  )\n)',
    );
  });

  it("torch.onnx's relu_1 beside relu is a second call of relu; a function in a block stays functional", () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    const r1 = b.layer('ReLU', {}, x);
    const r2 = b.layer('ReLU', {}, r1);
    const add = b.layer('Add', {}, [r2, x]);
    const flat = b.build();
    const { graph } = restoreModules(
      flat,
      new Map([
        [r1, { scope: ['blk', 'relu'] }],
        [r2, { scope: ['blk', 'relu_1'] }],
        [add, { scope: ['blk'] }],
      ]),
    );
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get(r2)?.shares).toBe(r1);
    expect(byId.get(add)?.parent).toBe(byId.get(r1)?.parent);
    expect(reprModel(buildModuleTree(graph))).toBe('Net(\n  (blk): Blk(\n    (relu): ReLU()\n  )\n)');
  });

  it('a tree that would change the network leaves it flat, with a note', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    const l1 = b.layer('Linear', { out_features: 3 }, x);
    const l2 = b.layer('Linear', { out_features: 3 }, l1);
    const flat = b.build();
    // Two Linear layers claiming one module with different weights would share parameters: refused.
    const r = restoreModules(
      flat,
      new Map([
        [l1, { paramPath: 'fc' }],
        [l2, { paramPath: 'fc' }],
      ]),
    );
    expect(r.graph.modules).toEqual([]);
    expect(r.graph.nodes.every((n) => n.shares === undefined)).toBe(true);
    expect(r.note).toMatch(
      /did not give a valid network \(.+ is the same module as fc .+\); the network is imported flat/,
    );
  });
});
