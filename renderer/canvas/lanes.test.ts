import { describe, expect, it } from 'vitest';
import { laneRoutes, type LaneItem } from './lanes';

const box = (x: number, y: number, w = 200, h = 60) => ({ x0: x, y0: y, x1: x + w, y1: y + h });

describe('laneRoutes', () => {
  // Two columns on the canvas: a (top), b (bottom) | c (top), d.
  const items = new Map<string, LaneItem>([
    ['a', { box: box(0, 0), parent: null }],
    ['b', { box: box(0, 100), parent: null }],
    ['c', { box: box(320, 0), parent: null }],
    ['d', { box: box(320, 100), parent: null }],
  ]);
  const chain = (id: string) => [id];

  it('routes an edge climbing to the next column below its column, up the lane, over the target column', () => {
    const r = laneRoutes(items, [{ id: 'e', source: 'b', target: 'c' }], chain, 40);
    expect(r.get('e')).toEqual({ below: 160 + 22, lane: 260, above: -22 });
  });

  it('leaves edges within a column or going down alone', () => {
    const r = laneRoutes(
      items,
      [
        { id: 'down', source: 'a', target: 'b' },
        { id: 'across', source: 'a', target: 'd' },
        { id: 'back', source: 'd', target: 'a' },
      ],
      chain,
      40,
    );
    expect([...r.keys()]).toEqual([]);
  });

  it('leaves a source mid-column through the gap under its row, and enters a target mid-column over its row', () => {
    const more = new Map(items)
      .set('f', { box: box(0, 200), parent: null })
      .set('g', { box: box(320, 40, 200, 50), parent: null });
    const r = laneRoutes(more, [{ id: 'e', source: 'b', target: 'g' }], chain, 40);
    expect(r.get('e')).toEqual({ below: 160 + 20, lane: 260, above: 40 - 20 });
  });
});
