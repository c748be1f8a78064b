/**
 * Edges that would run through a node go around it. An edge's usual curve (edgePath.ts) is kept
 * wherever it passes no node; one that would cross a layer or a collapsed container other than its own
 * two ends (a skip edge into a block placed beside its source, a layer dragged onto an edge's way) gets
 * an orthogonal route instead: out of its source into the gap below it, along a free vertical lane,
 * into the gap above its target and in. The lane is the free one nearest the straight way.
 * Left-to-right layouts get the same routes turned a quarter (x and y swapped).
 */
import type { Edge, Node } from '@xyflow/react';
import { edgeCurve, type EdgeGeometry } from './edgePath';
import { drawnEnds, drawnSize } from './labels';
import type { LaneRoute } from './lanes';
import type { ShapeEdgeData } from './nodeData';

interface Rect {
  id: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL = 256;
/** Distance kept between a detour and the nodes it passes. */
const CLEAR = 10;
/** Where a detour turns: this far below its source and above its target (half the layout's row gap), else closer. */
const TURNS = [22, 12];
/** Lanes tried per edge, nearest first. */
const MAX_LANES = 80;

/** The detour route of each edge whose curve would cross a node (by edge id); other edges get none. */
export function detourRoutes(
  nodes: readonly Node[],
  edges: readonly Edge[],
  horizontal: boolean,
): Map<string, LaneRoute> {
  const routes = new Map<string, LaneRoute>();
  // Worked out top-down; a left-to-right layout is the same with x and y swapped (routes marked `flip`).
  const v = (x: number, y: number): [number, number] => (horizontal ? [y, x] : [x, y]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const grid = new Map<string, Rect[]>();
  const cellsOf = (x0: number, y0: number, x1: number, y1: number): string[] => {
    const out: string[] = [];
    for (let i = Math.floor(x0 / CELL); i <= Math.floor(x1 / CELL); i++)
      for (let j = Math.floor(y0 / CELL); j <= Math.floor(y1 / CELL); j++) out.push(`${i},${j}`);
    return out;
  };
  for (const n of nodes) {
    if (n.type === 'frame') continue;
    const { w, h } = drawnSize(n);
    const [x0, y0] = v(n.position.x, n.position.y),
      [x1, y1] = v(n.position.x + w, n.position.y + h);
    const r = { id: n.id, x0, y0, x1, y1 };
    for (const c of cellsOf(r.x0, r.y0, r.x1, r.y1)) (grid.get(c) ?? grid.set(c, []).get(c))?.push(r);
  }
  /** Nodes (other than the edge's ends) a box around x0..x1, y0..y1 touches, grown by `m`. */
  const hits = (x0: number, y0: number, x1: number, y1: number, m: number, ends: Set<string>): Rect[] => {
    const out: Rect[] = [];
    for (const c of cellsOf(x0 - m, y0 - m, x1 + m, y1 + m))
      for (const r of grid.get(c) ?? [])
        if (!ends.has(r.id) && x0 < r.x1 + m && r.x0 - m < x1 && y0 < r.y1 + m && r.y0 - m < y1) out.push(r);
    return out;
  };

  for (const e of edges) {
    const data = e.data as ShapeEdgeData | undefined;
    if (data?.route) continue;
    const s = byId.get(e.source),
      t = byId.get(e.target);
    if (!s || !t) continue;
    const g = drawnEnds(e, s, t, horizontal);
    const ends = new Set([e.source, e.target]);
    if (!crossesNode(g, (x, y) => hits(...v(x, y), ...v(x, y), -2, ends).length > 0)) continue;
    const [sx, sy] = v(g.sourceX, g.sourceY),
      [tx, ty] = v(g.targetX, g.targetY);
    const route = findLane(sx, sy, tx, ty, ends, hits);
    if (route) routes.set(e.id, horizontal ? { ...route, flip: true } : route);
  }
  return routes;
}

/** Whether the edge's usual curve passes through a node, sampled every few units along it. */
function crossesNode(g: EdgeGeometry, inNode: (x: number, y: number) => boolean): boolean {
  const c = edgeCurve(g);
  const span = Math.abs(g.targetX - g.sourceX) + Math.abs(g.targetY - g.sourceY);
  const steps = Math.max(8, Math.ceil((span * 1.5) / 6));
  for (let i = 1; i < steps; i++) {
    const [x, y] = c.at(i / steps);
    if (inNode(x, y)) return true;
  }
  return false;
}

type Hits = (x0: number, y0: number, x1: number, y1: number, m: number, ends: Set<string>) => Rect[];

/** The nearest lane whose route (down, across, along the lane, across, down; top-down coordinates) keeps clear of every node. */
function findLane(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  ends: Set<string>,
  hits: Hits,
): LaneRoute | undefined {
  for (const turn of TURNS) {
    const below = sy + turn,
      above = ty - turn;
    const lo = Math.min(below, above),
      hi = Math.max(below, above);
    // Candidate lanes: straight down from either end, and just beside every node in the lane's height.
    const xs = new Set([sx, tx]);
    const left = Math.min(sx, tx) - 2000,
      right = Math.max(sx, tx) + 2000;
    for (const r of hits(left, lo, right, hi, 0, ends)) {
      xs.add(r.x0 - CLEAR - 4);
      xs.add(r.x1 + CLEAR + 4);
    }
    const lanes = [...xs].sort((a, b) => Math.abs(a - sx) + Math.abs(a - tx) - (Math.abs(b - sx) + Math.abs(b - tx)));
    for (const lane of lanes.slice(0, MAX_LANES)) {
      const pts: [number, number][] = [
        [sx, sy],
        [sx, below],
        [lane, below],
        [lane, above],
        [tx, above],
        [tx, ty],
      ];
      const clear = pts.slice(1).every(([x, y], i) => {
        const [px, py] = pts[i];
        return hits(Math.min(px, x), Math.min(py, y), Math.max(px, x), Math.max(py, y), CLEAR / 2, ends).length === 0;
      });
      if (clear) return { below, lane, above, home: 3 };
    }
  }
  return undefined;
}

/** Hands each edge its detour without breaking identity: the same edge with the same detour gives the same object. */
export function createDetourAttacher(): (edges: Edge[], routes: ReadonlyMap<string, LaneRoute>) => Edge[] {
  const cache = new WeakMap<Edge, { key: string; out: Edge }>();
  return (edges, routes) =>
    edges.map((e) => {
      const r = routes.get(e.id);
      if (!r) return e;
      const key = `${r.below},${r.lane},${r.above}`;
      const hit = cache.get(e);
      if (hit && hit.key === key) return hit.out;
      const out = { ...e, data: { ...(e.data as ShapeEdgeData), route: r } };
      cache.set(e, { key, out });
      return out;
    });
}
