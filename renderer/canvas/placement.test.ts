import { describe, expect, it } from 'vitest';
import { after, between, freeSpot, type Box } from './placement';

const size = { width: 210, height: 66 };
const hit = (p: { x: number; y: number }, boxes: Box[]) =>
  boxes.some((b) => p.x < b.x + b.width && b.x < p.x + size.width && p.y < b.y + b.height && b.y < p.y + size.height);

describe('placement of a new layer', () => {
  it('goes right after its anchor when that spot is free', () => {
    const anchor = { x: 0, y: 0, ...size };
    const want = after(anchor, size);
    expect(want).toEqual({ x: 0, y: 116 });
    expect(freeSpot(want, size, [anchor])).toEqual(want);
  });

  it('moves beside an occupied spot instead of landing on the node there (the Flatten on top of MaxPool2d)', () => {
    const anchor = { x: 0, y: 0, ...size };
    const below = { x: 0, y: 116, ...size };
    const p = freeSpot(after(anchor, size), size, [anchor, below]);
    expect(hit(p, [anchor, below])).toBe(false);
    expect(p.y).toBe(116); // same row, beside the occupied node
  });

  it('puts a layer inserted between two nodes in the gap between them when it fits', () => {
    const a = { x: 300, y: 240, ...size },
      b = { x: 300, y: 400, ...size, height: 130 }; // b shows an error: taller
    const p = freeSpot(between(a, b, size), size, [a, b]);
    expect(p).toEqual({ x: 300, y: 320 });
  });

  it('finds a free spot in a crowded column and in left-to-right layouts', () => {
    const column = Array.from({ length: 6 }, (_, i) => ({ x: 0, y: i * 90, ...size }));
    const wide = Array.from({ length: 5 }, (_, i) => ({ x: (i - 2) * 234, y: 90, ...size }));
    const p = freeSpot({ x: 0, y: 90 }, size, [...column, ...wide]);
    expect(hit(p, [...column, ...wide])).toBe(false);
    const q = freeSpot(after(column[0], size, 'RIGHT'), size, column, 'RIGHT');
    expect(q.x).toBeGreaterThan(size.width);
    expect(hit(q, column)).toBe(false);
  });
});
