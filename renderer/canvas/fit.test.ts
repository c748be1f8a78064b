import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { fittedViewport } from './fit';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';

const node = (id: string, x: number, y: number, measured?: { width: number; height: number }): Node => ({
  id,
  position: { x, y },
  data: {},
  ...(measured ? { measured } : {}),
});

describe('fittedViewport', () => {
  it('shows every node, measured or not (culled nodes were never drawn)', () => {
    const nodes = [node('a', 0, 0, { width: 210, height: 50 }), node('b', 3000, 5000), node('c', -400, 200)];
    const vp = fittedViewport(nodes, 1000, 800, 0.01);
    if (!vp) throw new Error('no viewport');
    const toScreen = (x: number, y: number) => [x * vp.zoom + vp.x, y * vp.zoom + vp.y];
    for (const n of nodes) {
      const [l, t] = toScreen(n.position.x, n.position.y);
      const [r, b] = toScreen(n.position.x + NODE_WIDTH, n.position.y + NODE_HEIGHT);
      expect(l).toBeGreaterThanOrEqual(0);
      expect(t).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1000);
      expect(b).toBeLessThanOrEqual(800);
    }
  });

  it('never zooms a small document in past 100%, and has nothing to fit in an empty or unsized canvas', () => {
    expect(fittedViewport([node('a', 0, 0)], 1000, 800, 0.01)?.zoom).toBe(1);
    expect(fittedViewport([], 1000, 800, 0.01)).toBeNull();
    expect(fittedViewport([node('a', 0, 0)], 0, 0, 0.01)).toBeNull();
  });
});
