/** buildModuleTree never throws and keeps PyTorch's invariants, whatever the graph (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode, ModuleDef } from '../graph/types';
import { analyzeGraph } from '../shapes/analyze';
import { buildModuleTree, isRegisteredModule, modules, namedModules, reprModel, stateDictEntries } from '.';

const TYPES = ['Input', 'Conv2d', 'Linear', 'ReLU', 'BatchNorm2d', 'Flatten', 'Add', 'Concat', 'MaxPool2d', 'Nope'];

const graphArb = fc
  .record({
    modules: fc.array(
      fc.record({
        name: fc.constantFrom('', 'a', 'b', '0', 'features', 'x y'),
        kind: fc.constantFrom('Sequential' as const, 'Module' as const),
        parent: fc.option(fc.nat(8), { nil: undefined }),
      }),
      { maxLength: 8 },
    ),
    nodes: fc.array(
      fc.record({
        type: fc.constantFrom(...TYPES),
        parent: fc.option(fc.nat(9), { nil: undefined }),
        name: fc.option(fc.constantFrom('conv1', 'relu', '0', '1', ''), { nil: undefined }),
        shares: fc.option(fc.nat(20), { nil: undefined }),
        functional: fc.option(fc.boolean(), { nil: undefined }),
        params: fc.constantFrom(
          {},
          { out_channels: 4, kernel_size: 3 },
          { out_features: 5 },
          { shape: [3, 8, 8] },
          { kernel_size: -1 },
        ),
      }),
      { maxLength: 25 },
    ),
    edges: fc.array(fc.tuple(fc.nat(25), fc.nat(25)), { maxLength: 30 }),
  })
  .map(({ modules: ms, nodes: ns, edges: es }): Graph => {
    const modules: ModuleDef[] = ms.map((m, i) => ({
      id: `m${i}`,
      name: m.name,
      kind: m.kind,
      parent: m.parent === undefined ? undefined : `m${m.parent}`,
    }));
    const nodes: GraphNode[] = ns.map((n, i) => ({
      id: `n${i}`,
      type: n.type,
      params: n.params,
      position: { x: 0, y: 0 },
      parent: n.parent === undefined ? undefined : `m${n.parent}`,
      name: n.name,
      shares: n.shares === undefined ? undefined : `n${n.shares}`,
      functional: n.functional,
    }));
    const edges = es.map(([s, t], i) => ({ id: `e${i}`, source: `n${s}`, target: `n${t}` }));
    return { format: 'netloom', version: 1, name: 'Net', nodes, edges, modules };
  });

describe('buildModuleTree on arbitrary graphs', () => {
  it('never throws; every container and registered node appears once; names are unique', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const tree = buildModuleTree(graph, analyzeGraph(graph));
        const all = modules(tree);
        expect(all.length).toBe(1 + graph.modules.length + graph.nodes.filter(isRegisteredModule).length);
        const paths = namedModules(tree).map(([p]) => p);
        expect(new Set(paths).size).toBe(paths.length);
        const keys = stateDictEntries(tree).map((e) => e.name);
        expect(new Set(keys).size).toBe(keys.length);
        expect(typeof reprModel(tree)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
