import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { fittedViewport, type ScreenBox } from './fit';
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

  /** Each node's box on screen under `vp`. */
  const onScreen = (nodes: Node[], vp: { x: number; y: number; zoom: number }) =>
    nodes.map((n) => ({
      x: n.position.x * vp.zoom + vp.x,
      y: n.position.y * vp.zoom + vp.y,
      width: NODE_WIDTH * vp.zoom,
      height: NODE_HEIGHT * vp.zoom,
    }));
  const hits = (a: ScreenBox, b: ScreenBox) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('keeps every node out of the boxes drawn over the canvas (the minimap), as large as it can', () => {
    // A document whose fit over the whole canvas puts its last node in the bottom right corner.
    const nodes = [node('a', 0, 0), node('b', 1500, 1000), node('c', 3000, 2300)];
    const minimap = { x: 780, y: 640, width: 210, height: 150 };
    const whole = fittedViewport(nodes, 1000, 800, 0.01);
    if (!whole) throw new Error('no viewport');
    expect(onScreen(nodes, whole).some((b) => hits(b, minimap))).toBe(true);
    const vp = fittedViewport(nodes, 1000, 800, 0.01, [minimap]);
    if (!vp) throw new Error('no viewport');
    for (const b of onScreen(nodes, vp)) {
      expect(hits(b, minimap)).toBe(false);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(1000);
      expect(b.y + b.height).toBeLessThanOrEqual(800);
    }
    // The larger of the fits beside the minimap (780 px wide) and above it (640 px high): here above.
    const above = fittedViewport(nodes, 1000, 640, 0.01);
    const beside = fittedViewport(nodes, 780, 800, 0.01);
    expect(vp.zoom).toBeCloseTo(Math.max(above?.zoom ?? 0, beside?.zoom ?? 0), 6);
    expect(vp.zoom).toBeLessThan(whole.zoom);
  });

  it('fits over the whole canvas where nothing lands under a covering box, and ignores hidden ones', () => {
    const nodes = [node('a', 0, 0), node('b', 0, 400)];
    const whole = fittedViewport(nodes, 1000, 800, 0.01);
    expect(fittedViewport(nodes, 1000, 800, 0.01, [{ x: 780, y: 640, width: 210, height: 150 }])).toEqual(whole);
    expect(fittedViewport(nodes, 1000, 800, 0.01, [{ x: 0, y: 0, width: 0, height: 0 }])).toEqual(whole);
  });
});
