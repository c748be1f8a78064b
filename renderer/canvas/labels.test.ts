import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { labelSize, placeLabels } from './labels';

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
  data: { shape: [64, 56, 56], error: false, showPort: false },
});

describe('placeLabels', () => {
  const text = labelSize('[N, 64, 56, 56]');
  const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < text.width && Math.abs(a.y - b.y) < text.height;

  it('puts the labels of two edges meeting one node at different spots along them', () => {
    // Two sources side by side, 250 px apart; both edges end on neighbouring ports of one Add.
    const nodes = [node('a', 0, 0), node('b', 250, 0), node('add', 125, 200, 3)];
    const spots = placeLabels(nodes, [edge('e1', 'a', 'add', 0), edge('e2', 'b', 'add', 1)], false);
    const s1 = spots.get('e1'),
      s2 = spots.get('e2');
    if (!s1 || !s2) throw new Error('a label found no spot');
    expect(overlap(s1, s2)).toBe(false);
  });

  it('keeps a label off the nodes (an edge whose middle runs under a third node)', () => {
    const nodes = [node('a', 0, 0), node('b', 0, 300), node('c', 0, 150)];
    const s = placeLabels(nodes, [edge('e', 'a', 'b')], false).get('e');
    if (!s) throw new Error('no spot');
    // Its middle (y 183) is inside c (y 150..216): the label sits above or below c.
    expect(s.y + text.height / 2 <= 150 || s.y - text.height / 2 >= 216).toBe(true);
  });

  it('gives null (shown on hover only) where no spot along the edge is free', () => {
    // The edge runs through a stack of nodes with no gap.
    const nodes = [node('a', 0, 0), node('b', 0, 300), ...[70, 136, 202].map((y, i) => node(`x${i}`, 0, y))];
    expect(placeLabels(nodes, [edge('e', 'a', 'b')], false).get('e')).toBeNull();
  });
});
