import { getBezierPath, Position } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';

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
export function edgePath(g: EdgeGeometry): [path: string, labelX: number, labelY: number] {
  const vertical = g.sourcePosition === Position.Bottom && g.targetPosition === Position.Top;
  const horizontal = g.sourcePosition === Position.Right && g.targetPosition === Position.Left;
  const dx = g.targetX - g.sourceX,
    dy = g.targetY - g.sourceY;
  // Long enough to pass at least two rows of nodes (a frame border alone is shorter).
  if (vertical && dy > 3 * (NODE_HEIGHT + 64) && Math.abs(dx) < NODE_WIDTH * 0.6) {
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
