import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { detourRoutes } from './detours';
import { edgeCurve } from './edgePath';
import { drawnEnds } from './labels';
import type { LaneRoute } from './lanes';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';

const node = (id: string, x: number, y: number, ports = 1): Node => ({
  id,
  type: 'layer',
  position: { x, y },
  data: { ports },
});
const edge = (id: string, source: string, target: string, port = 0): Edge => ({
  id,
  source,
  target,
  targetHandle: `in-${port}`,
  data: { shape: null, error: false, showPort: false },
});

/** Nodes (other than the ends) the drawn edge passes through, sampled every unit of its length's scale. */
function crossed(nodes: Node[], e: Edge, route?: LaneRoute): string[] {
  const by = new Map(nodes.map((n) => [n.id, n]));
  const c = edgeCurve(drawnEnds(e, by.get(e.source) as Node, by.get(e.target) as Node, false), route);
  const out = new Set<string>();
  for (let i = 1; i < 2000; i++) {
    const [x, y] = c.at(i / 2000);
    for (const n of nodes)
      if (n.id !== e.source && n.id !== e.target)
        if (x > n.position.x && x < n.position.x + NODE_WIDTH && y > n.position.y && y < n.position.y + NODE_HEIGHT)
          out.add(n.id);
  }
  return [...out];
}

describe('detourRoutes', () => {
  it('leaves an edge with nothing in its way as its curve', () => {
    const nodes = [node('a', 0, 0), node('b', 0, 110)];
    expect(detourRoutes(nodes, [edge('e', 'a', 'b')], false).size).toBe(0);
  });

  it('routes a skip edge into a block beside its source around the nodes between them', () => {
    // A column a, x, y and a block column to the right whose last node (an Add's second port) the skip edge feeds.
    const nodes = [node('a', 0, 0), node('x', 0, 110), node('y', 0, 220)];
    for (let i = 0; i < 5; i++) nodes.push(node(`b${i}`, 260, 110 + 110 * i));
    nodes.push(node('add', 280, 660, 3));
    const e = edge('skip', 'a', 'add', 1);
    expect(crossed(nodes, e).length).toBeGreaterThan(0);
    const route = detourRoutes(nodes, [e], false).get('skip');
    expect(route).toBeDefined();
    expect(crossed(nodes, e, route)).toEqual([]);
  });

  it('routes left-to-right layouts the same way, turned a quarter', () => {
    // A row a, x, b: the edge a -> b would run straight through x.
    const nodes = [node('a', 0, 0), node('x', 300, 0), node('b', 600, 0)];
    const e = edge('e', 'a', 'b');
    const route = detourRoutes(nodes, [e], true).get('e');
    expect(route?.flip).toBe(true);
    const by = new Map(nodes.map((n) => [n.id, n]));
    const c = edgeCurve(drawnEnds(e, by.get('a') as Node, by.get('b') as Node, true), route);
    for (let i = 1; i < 1000; i++) {
      const [x, y] = c.at(i / 1000);
      expect(x > 300 && x < 300 + NODE_WIDTH && y > 0 && y < NODE_HEIGHT, `${x},${y}`).toBe(false);
    }
  });
});
