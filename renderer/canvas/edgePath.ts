import { getBezierPath, Position } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';
import { ROW_GAP } from './columns';
import type { LaneRoute } from './lanes';

export interface EdgeGeometry {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/**
 * The path of an edge and where its label sits. A long edge that would run straight down through
 * the nodes between its ends (a residual connection beside its block, a DenseNet concatenation)
 * bows out to the side instead, so it reads as a skip and does not hide the chain.
 */
export function edgePath(g: EdgeGeometry, route?: LaneRoute): [path: string, labelX: number, labelY: number] {
  if (route) {
    // Down out of the source, up the lane between the columns, into the target from above.
    const pts: [number, number][] = [
      [g.sourceX, g.sourceY],
      [g.sourceX, route.below],
      [route.lane, route.below],
      [route.lane, route.above],
      [g.targetX, route.above],
      [g.targetX, g.targetY],
    ];
    return [roundedPolyline(pts, 14), (route.lane + g.targetX) / 2, route.above];
  }
  const vertical = g.sourcePosition === Position.Bottom && g.targetPosition === Position.Top;
  const horizontal = g.sourcePosition === Position.Right && g.targetPosition === Position.Left;
  const dx = g.targetX - g.sourceX,
    dy = g.targetY - g.sourceY;
  // Long enough to pass at least two rows of nodes (a frame border alone is shorter).
  if (vertical && dy > 3 * (NODE_HEIGHT + ROW_GAP) && Math.abs(dx) < NODE_WIDTH * 0.6) {
    // Far enough out that the label, centred on the curve's widest point (0.75 of the bow), clears
    // the column of nodes it passes: half a node (105) + half a long label ("[N, 1024, 14, 14]", ~60) + a gap.
    const off = NODE_WIDTH * 1.2 * (dx < 0 ? -1 : 1);
    // The bow is measured from the outer of the two columns, so a skip between shifted columns clears both.
    const edge = dx < 0 ? Math.min(g.sourceX, g.targetX) : Math.max(g.sourceX, g.targetX);
    const path = `M ${g.sourceX},${g.sourceY} C ${edge + off},${g.sourceY + dy * 0.2} ${edge + off},${g.targetY - dy * 0.2} ${g.targetX},${g.targetY}`;
    // The cubic's point at t = 0.5, where the label sits on the curve.
    return [path, 0.125 * (g.sourceX + g.targetX) + 0.75 * (edge + off), (g.sourceY + g.targetY) / 2];
  }
  if (horizontal && dx > 3 * (NODE_WIDTH + 90) && Math.abs(dy) < NODE_HEIGHT) {
    const off = NODE_HEIGHT * 1.4 * (dy < 0 ? -1 : 1);
    const path = `M ${g.sourceX},${g.sourceY} C ${g.sourceX + dx * 0.2},${g.sourceY + off} ${g.targetX - dx * 0.2},${g.targetY + off} ${g.targetX},${g.targetY}`;
    return [path, (g.sourceX + g.targetX) / 2, (g.sourceY + g.targetY) / 2 + off * 0.75];
  }
  const [path, x, y] = getBezierPath(g);
  return [path, x, y];
}

/** An orthogonal polyline with its corners rounded (radius r, less where a segment is short). */
export function roundedPolyline(pts: [number, number][], r: number): string {
  let d = `M ${pts[0][0]},${pts[0][1]}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [px, py] = pts[i - 1],
      [x, y] = pts[i],
      [nx, ny] = pts[i + 1];
    const k = Math.min(r, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const ax = x - Math.sign(x - px) * k,
      ay = y - Math.sign(y - py) * k,
      bx = x + Math.sign(nx - x) * k,
      by = y + Math.sign(ny - y) * k;
    d += ` L ${ax},${ay} Q ${x},${y} ${bx},${by}`;
  }
  const [lx, ly] = pts[pts.length - 1];
  return `${d} L ${lx},${ly}`;
}
