import { Position, type Edge, type Node } from '@xyflow/react';
import { edgeCurve, type EdgeGeometry } from './edgePath';
import { FRAME_HEADER, NODE_HEIGHT, NODE_WIDTH, type ShapeEdgeData } from './nodeData';
import { formatShape } from '../format';

/** Where an edge's shape label sits (flow coordinates, its centre), or null: no free spot, shown on hover only. */
export type LabelSpot = { x: number; y: number } | null;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Drawn size of a label: 10.5 px monospace (about 6.4 px a character), 5 px padding, 1 px border. */
export const labelSize = (text: string): { width: number; height: number } => ({
  width: Math.ceil(text.length * 6.4) + 12,
  height: 18,
});

/** Spots tried along an edge, from its middle outwards. */
const SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];
/** Clearance kept around nodes and other labels (covers the few pixels between a handle and a node's border). */
const CLEAR = 4;
const CELL = 256;

const labelText = (d: ShapeEdgeData | undefined): string =>
  `${d?.showSourcePort ? `out ${d.sourcePort ?? 0} ` : ''}${d?.showPort ? `${d.port ?? 0} ` : ''}${formatShape(d?.shape)}`;

/**
 * Collision avoidance for edge labels: each label goes to the first spot along its edge (middle first)
 * where it overlaps no node, no frame's header and no label placed before it; errors are placed first.
 * A label with no free spot gets null and shows only while its edge is hovered or selected.
 * Node sizes are the measured ones where React Flow has measured them.
 */
export function placeLabels(
  nodes: readonly Node[],
  edges: readonly Edge[],
  horizontal: boolean,
): Map<string, LabelSpot> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const grid = new Map<string, Rect[]>();
  const cells = (r: Rect): string[] => {
    const out: string[] = [];
    for (let i = Math.floor(r.x0 / CELL); i <= Math.floor(r.x1 / CELL); i++)
      for (let j = Math.floor(r.y0 / CELL); j <= Math.floor(r.y1 / CELL); j++) out.push(`${i},${j}`);
    return out;
  };
  const add = (r: Rect) => {
    for (const c of cells(r)) (grid.get(c) ?? grid.set(c, []).get(c))?.push(r);
  };
  const free = (r: Rect) =>
    cells(r).every((c) =>
      (grid.get(c) ?? []).every(
        (o) => r.x1 + CLEAR <= o.x0 || o.x1 + CLEAR <= r.x0 || r.y1 + CLEAR <= o.y0 || o.y1 + CLEAR <= r.y0,
      ),
    );
  for (const n of nodes) {
    const { w, h } = drawnSize(n);
    const { x, y } = n.position;
    add(
      n.type === 'frame' ? { x0: x, y0: y, x1: x + w, y1: y + FRAME_HEADER } : { x0: x, y0: y, x1: x + w, y1: y + h },
    );
  }

  const spots = new Map<string, LabelSpot>();
  const ordered = [...edges].sort(
    (a, b) => Number(!!(b.data as ShapeEdgeData)?.error) - Number(!!(a.data as ShapeEdgeData)?.error),
  );
  for (const e of ordered) {
    const data = e.data as ShapeEdgeData | undefined;
    const s = byId.get(e.source),
      t = byId.get(e.target);
    if (!s || !t) continue;
    const curve = edgeCurve(drawnEnds(e, s, t, horizontal), data?.route);
    const { width, height } = labelSize(labelText(data));
    let spot: LabelSpot = null;
    for (const f of SPOTS) {
      const [x, y] = curve.at(f);
      const r = { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 };
      if (free(r)) {
        add(r);
        spot = { x, y };
        break;
      }
    }
    if (!spot && data?.error) {
      const [x, y] = curve.at(0.5);
      spot = { x, y };
    }
    spots.set(e.id, spot);
  }
  return spots;
}

/** A node's drawn size: measured where React Flow has measured it, else its declared or nominal size. */
export const drawnSize = (n: Node): { w: number; h: number } => ({
  w: n.measured?.width ?? n.width ?? NODE_WIDTH,
  h: n.measured?.height ?? n.height ?? NODE_HEIGHT,
});

/** Where edge `e` leaves `s` and enters `t` (handle centres, flow coordinates), from the nodes' boxes and handle counts. */
export function drawnEnds(e: Edge, s: Node, t: Node, horizontal: boolean): EdgeGeometry {
  const ss = drawnSize(s),
    ts = drawnSize(t);
  const port = /^in-(\d+)$/.exec(e.targetHandle ?? '');
  const ports = (t.data as { ports?: number }).ports ?? 1;
  const frac = port ? (Number(port[1]) + 1) / (ports + 1) : 0.5;
  const out = /^out-(\d+)$/.exec(e.sourceHandle ?? '');
  const outputs = (s.data as { outputs?: number }).outputs ?? 1;
  const from = out ? (Number(out[1]) + 1) / (outputs + 1) : 0.5;
  return horizontal
    ? {
        sourceX: s.position.x + ss.w,
        sourceY: s.position.y + ss.h * from,
        targetX: t.position.x,
        targetY: t.position.y + ts.h * frac,
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
      }
    : {
        sourceX: s.position.x + ss.w * from,
        sourceY: s.position.y + ss.h,
        targetX: t.position.x + ts.w * frac,
        targetY: t.position.y,
        sourcePosition: Position.Bottom,
        targetPosition: Position.Top,
      };
}

/** Hands each edge its label spot without breaking identity: the same edge with the same spot gives the same object. */
export function createSpotAttacher(): (edges: Edge[], spots: ReadonlyMap<string, LabelSpot>) => Edge[] {
  const cache = new WeakMap<Edge, { key: string; out: Edge }>();
  return (edges, spots) =>
    edges.map((e) => {
      const spot = spots.get(e.id);
      if (spot === undefined) return e;
      const key = spot ? `${spot.x},${spot.y}` : 'none';
      const hit = cache.get(e);
      if (hit && hit.key === key) return hit.out;
      const out = { ...e, data: { ...(e.data as ShapeEdgeData), label: spot } };
      cache.set(e, { key, out });
      return out;
    });
}
