import { Position } from '@xyflow/react';
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

type Pt = [number, number];

/** An edge's drawn path and the point at a fraction t (0..1) along it, where a label can sit. */
export interface EdgeCurve {
  path: string;
  at(t: number): Pt;
}

/**
 * The path of an edge and where its label sits (halfway). A long edge that would run straight down
 * through the nodes between its ends (a residual connection beside its block, a DenseNet
 * concatenation) bows out to the side instead, so it reads as a skip and does not hide the chain; an
 * edge climbing to the next column runs up the lane between the columns (`route`).
 */
export function edgePath(g: EdgeGeometry, route?: LaneRoute): [path: string, labelX: number, labelY: number] {
  const c = edgeCurve(g, route);
  const [x, y] = c.at(0.5);
  return [c.path, x, y];
}

export function edgeCurve(g: EdgeGeometry, route?: LaneRoute): EdgeCurve {
  const s: Pt = [g.sourceX, g.sourceY],
    t: Pt = [g.targetX, g.targetY];
  if (route) {
    // Down out of the source, up the lane between the columns, into the target from above. The label
    // sits on the stretch above the target column unless asked for another spot. A flipped route is the
    // same with x and y swapped (left-to-right layouts).
    const v = (p: Pt): Pt => (route.flip ? [p[1], p[0]] : p);
    const [vs, vt] = [v(s), v(t)];
    const pts: Pt[] = [
      vs,
      [vs[0], route.below],
      [route.lane, route.below],
      [route.lane, route.above],
      [vt[0], route.above],
      vt,
    ].map((p) => v(p as Pt));
    return { path: roundedPolyline(pts, 14), at: (f) => alongPolyline(pts, f, route.home ?? 4) };
  }
  const vertical = g.sourcePosition === Position.Bottom && g.targetPosition === Position.Top;
  const horizontal = g.sourcePosition === Position.Right && g.targetPosition === Position.Left;
  const dx = t[0] - s[0],
    dy = t[1] - s[1];
  // Long enough to pass at least two rows of nodes (a frame border alone is shorter).
  if (vertical && dy > 3 * (NODE_HEIGHT + ROW_GAP) && Math.abs(dx) < NODE_WIDTH * 0.6) {
    // Far enough out that the label, centred on the curve's widest point (0.75 of the bow), clears
    // the column of nodes it passes: half a node (105) + half a long label ("[N, 1024, 14, 14]", ~60) + a gap.
    const off = NODE_WIDTH * 1.2 * (dx < 0 ? -1 : 1);
    // The bow is measured from the outer of the two columns, so a skip between shifted columns clears both.
    const edge = dx < 0 ? Math.min(s[0], t[0]) : Math.max(s[0], t[0]);
    return cubic(s, [edge + off, s[1] + dy * 0.2], [edge + off, t[1] - dy * 0.2], t);
  }
  if (horizontal && dx > 3 * (NODE_WIDTH + 90) && Math.abs(dy) < NODE_HEIGHT) {
    const off = NODE_HEIGHT * 1.4 * (dy < 0 ? -1 : 1);
    return cubic(s, [s[0] + dx * 0.2, s[1] + off], [t[0] - dx * 0.2, t[1] + off], t);
  }
  // React Flow's bezier edge (curvature 0.25), written out so that points along it are known.
  return cubic(s, control(g.sourcePosition, s, t), control(g.targetPosition, t, s), t);
}

function offset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

function control(pos: Position, [x1, y1]: Pt, [x2, y2]: Pt): Pt {
  switch (pos) {
    case Position.Left:
      return [x1 - offset(x1 - x2), y1];
    case Position.Right:
      return [x1 + offset(x2 - x1), y1];
    case Position.Top:
      return [x1, y1 - offset(y1 - y2)];
    default:
      return [x1, y1 + offset(y2 - y1)];
  }
}

function cubic(p0: Pt, p1: Pt, p2: Pt, p3: Pt): EdgeCurve {
  return {
    path: `M ${p0[0]},${p0[1]} C ${p1[0]},${p1[1]} ${p2[0]},${p2[1]} ${p3[0]},${p3[1]}`,
    at: (t) => {
      const u = 1 - t;
      const a = u * u * u,
        b = 3 * u * u * t,
        c = 3 * u * t * t,
        d = t * t * t;
      return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
    },
  };
}

/** The point at fraction f of a polyline's length, counted on its segment `home` (f = 0.5 is that segment's middle) and then outwards. */
function alongPolyline(pts: Pt[], f: number, home: number): Pt {
  // The label's home is the given segment; other fractions walk the whole polyline.
  if (f === 0.5) {
    const [a, b] = [pts[home - 1], pts[home]];
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  }
  const lens = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i][0], p[1] - pts[i][1]));
  let left = f * lens.reduce((x, y) => x + y, 0);
  for (let i = 0; i < lens.length; i++) {
    if (left <= lens[i] || i === lens.length - 1) {
      const k = lens[i] ? Math.min(1, left / lens[i]) : 0;
      return [pts[i][0] + (pts[i + 1][0] - pts[i][0]) * k, pts[i][1] + (pts[i + 1][1] - pts[i][1]) * k];
    }
    left -= lens[i];
  }
  return pts[pts.length - 1];
}

/** An orthogonal polyline with its corners rounded (radius r, less where a segment is short). */
export function roundedPolyline(pts: Pt[], r: number): string {
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
