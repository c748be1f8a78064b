import { describe, expect, it } from 'vitest';
import { topoOrder } from './topo';

const node = (id: string) => ({ id, type: 'ReLU', params: {}, position: { x: 0, y: 0 } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

describe('topoOrder', () => {
  it('orders a diamond and keeps document order between independent nodes', () => {
    const g = {
      nodes: ['d', 'b', 'c', 'a'].map(node),
      edges: [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')],
    };
    expect(topoOrder(g)).toEqual({ order: ['a', 'b', 'c', 'd'], cyclic: [] });
  });
  it('reports the nodes on and behind a cycle', () => {
    const g = { nodes: ['a', 'b', 'c', 'x'].map(node), edges: [edge('a', 'b'), edge('b', 'a'), edge('b', 'c')] };
    const r = topoOrder(g);
    expect(r.order).toEqual(['x']);
    expect(r.cyclic.sort()).toEqual(['a', 'b', 'c']);
  });
});
