/**
 * Where a new layer goes: next to the node it follows, in the reading direction, on the first spot
 * that overlaps nothing drawn. Pure: the caller passes the boxes of what the canvas draws.
 */
import type { Position } from '../../app/graph/types';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}

const GAP = 24;

const overlaps = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * The free spot nearest `want` for a box of `size`: `want` itself when free, else the next places
 * across the reading direction (right, left, two right, ...), then one step further along it.
 */
export function freeSpot(
  want: Position,
  size: Size,
  others: readonly Box[],
  direction: 'DOWN' | 'RIGHT' = 'DOWN',
): Position {
  const across = direction === 'DOWN' ? { x: size.width + GAP, y: 0 } : { x: 0, y: size.height + GAP };
  const along = direction === 'DOWN' ? { x: 0, y: size.height + GAP } : { x: size.width + GAP, y: 0 };
  for (let step = 0; step < 40; step++) {
    for (let k = 0; k < 7; k++) {
      const side = k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : -k / 2;
      const p = { x: want.x + side * across.x + step * along.x, y: want.y + side * across.y + step * along.y };
      const box = { ...p, ...size };
      if (!others.some((o) => overlaps(box, o, GAP / 2))) return { x: Math.round(p.x), y: Math.round(p.y) };
    }
  }
  return want;
}

/** The spot just after `anchor` in the reading direction (below it top-down, right of it left-to-right). */
export function after(anchor: Box, size: Size, direction: 'DOWN' | 'RIGHT' = 'DOWN'): Position {
  return direction === 'DOWN'
    ? { x: anchor.x + (anchor.width - size.width) / 2, y: anchor.y + anchor.height + 50 }
    : { x: anchor.x + anchor.width + 70, y: anchor.y + (anchor.height - size.height) / 2 };
}

/**
 * The spot centred in the gap between two boxes (a layer inserted on the edge that joined them):
 * between a's bottom and b's top top-down (a's right and b's left left-to-right), whatever their heights.
 */
export function between(a: Box, b: Box, size: Size, direction: 'DOWN' | 'RIGHT' = 'DOWN'): Position {
  const cx = (a.x + a.width / 2 + b.x + b.width / 2) / 2,
    cy = (a.y + a.height / 2 + b.y + b.height / 2) / 2;
  if (direction === 'DOWN')
    return { x: Math.round(cx - size.width / 2), y: Math.round((a.y + a.height + b.y) / 2 - size.height / 2) };
  return { x: Math.round((a.x + a.width + b.x) / 2 - size.width / 2), y: Math.round(cy - size.height / 2) };
}
