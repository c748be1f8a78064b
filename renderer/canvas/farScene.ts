import { Position, type Edge, type Node } from '@xyflow/react';
import { edgeCurve } from './edgePath';
import {
  FRAME_HEADER,
  NODE_HEIGHT,
  NODE_WIDTH,
  type FrameNodeData,
  type LayerNodeData,
  type ModuleNodeData,
  type ShapeEdgeData,
} from './nodeData';

/**
 * What the low-zoom canvas (FarCanvas.tsx) draws: the same nodes and edges React Flow gets, reduced to
 * boxes and SVG path strings in flow coordinates. Pure (no DOM), built once per document change and
 * drawn on every viewport change.
 */
export interface FarBox {
  id: string;
  kind: 'layer' | 'module' | 'frame';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The layer's type, the container's name. */
  label: string;
  /** CSS custom property of its colour stripe (`--cat-conv`, ...). */
  color: string;
  error: boolean;
  selected: boolean;
  /** Frames: height of the header band (grows with nesting); nesting depth orders frames. */
  header: number;
  depth: number;
}

export interface FarEdge {
  id: string;
  /** SVG path data in flow coordinates (the same curve ShapeEdge draws). */
  path: string;
  error: boolean;
  selected: boolean;
}

export interface FarScene {
  /** Expanded containers, outermost first (drawn behind everything). */
  frames: FarBox[];
  /** Layers and collapsed containers. */
  boxes: FarBox[];
  edges: FarEdge[];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const size = (n: Node): { w: number; h: number } => ({
  w: n.measured?.width ?? n.width ?? NODE_WIDTH,
  h: n.measured?.height ?? n.height ?? NODE_HEIGHT,
});

export function buildFarScene(nodes: readonly Node[], edges: readonly Edge[], horizontal: boolean): FarScene {
  const frames: FarBox[] = [];
  const boxes: FarBox[] = [];
  const byId = new Map<string, FarBox & { ports: number; outputs: number }>();
  for (const n of nodes) {
    const { w, h } = size(n);
    const base = { id: n.id, x: n.position.x, y: n.position.y, w, h, selected: !!n.selected };
    if (n.type === 'frame') {
      const d = n.data as FrameNodeData;
      frames.push({
        ...base,
        kind: 'frame',
        label: d.name,
        color: '--cat-module',
        error: d.errors > 0,
        header: d.header ?? FRAME_HEADER,
        depth: n.zIndex ?? 0,
      });
      continue;
    }
    if (n.type === 'module') {
      const d = n.data as ModuleNodeData;
      const box = { ...base, kind: 'module' as const, label: d.name, color: '--cat-module', error: d.errors > 0 };
      const full = { ...box, header: 0, depth: 0, ports: 1, outputs: 1 };
      boxes.push(full);
      byId.set(n.id, full);
      continue;
    }
    const d = n.data as LayerNodeData;
    const color = d.category === 'unknown' ? '--error' : `--cat-${d.category}`;
    const full = {
      ...base,
      kind: 'layer' as const,
      label: d.type,
      color,
      error: !!d.error,
      header: 0,
      depth: 0,
      ports: d.ports,
      outputs: d.multiOutput ? d.outputs : 1,
    };
    boxes.push(full);
    byId.set(n.id, full);
  }
  frames.sort((a, b) => a.depth - b.depth);

  const out: FarEdge[] = [];
  // Where React Flow puts a handle: spread evenly along the node's side (LayerNode's offsets).
  const along = (b: FarBox, k: number, count: number, side: 'in' | 'out'): [number, number] => {
    const f = (k + 1) / (count + 1);
    if (horizontal) return [side === 'in' ? b.x : b.x + b.w, b.y + b.h * f];
    return [b.x + b.w * f, side === 'in' ? b.y : b.y + b.h];
  };
  const index = (handle: string | null | undefined): number | undefined => {
    const m = /-(\d+)$/.exec(handle ?? '');
    return m ? Number(m[1]) : undefined;
  };
  for (const e of edges) {
    const s = byId.get(e.source),
      t = byId.get(e.target);
    if (!s || !t) continue;
    const k = index(e.sourceHandle);
    const i = index(e.targetHandle);
    const [sourceX, sourceY] = k === undefined ? along(s, 0, 1, 'out') : along(s, k, s.outputs, 'out');
    const [targetX, targetY] = i === undefined ? along(t, 0, 1, 'in') : along(t, i, t.ports, 'in');
    const d = e.data as ShapeEdgeData | undefined;
    const curve = edgeCurve(
      {
        sourceX,
        sourceY,
        targetX,
        targetY,
        sourcePosition: horizontal ? Position.Right : Position.Bottom,
        targetPosition: horizontal ? Position.Left : Position.Top,
      },
      d?.route,
    );
    out.push({ id: e.id, path: curve.path, error: !!d?.error, selected: !!e.selected });
  }
  return { frames, boxes, edges: out };
}

const overlaps = (b: FarBox, r: Rect): boolean =>
  b.x < r.x + r.width && b.x + b.w > r.x && b.y < r.y + r.height && b.y + b.h > r.y;

/** The boxes (and frames) that intersect a rectangle in flow coordinates: what one frame draws. */
export function inView(scene: FarScene, r: Rect): { boxes: FarBox[]; frames: FarBox[] } {
  return { boxes: scene.boxes.filter((b) => overlaps(b, r)), frames: scene.frames.filter((b) => overlaps(b, r)) };
}

/**
 * The node under a point in flow coordinates, as the DOM view would pick it: a layer or collapsed
 * container (the last drawn, on top), else the header band of the innermost expanded container.
 * `slop` widens each box by that many flow units (a small box is easier to hit zoomed far out).
 */
export function hitTest(scene: FarScene, x: number, y: number, slop = 0): string | undefined {
  for (let i = scene.boxes.length - 1; i >= 0; i--) {
    const b = scene.boxes[i];
    if (x >= b.x - slop && x <= b.x + b.w + slop && y >= b.y - slop && y <= b.y + b.h + slop) return b.id;
  }
  for (let i = scene.frames.length - 1; i >= 0; i--) {
    const f = scene.frames[i];
    if (x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + Math.max(f.header, slop)) return f.id;
  }
  return undefined;
}

/** The box with this id, to centre the view on. */
export function boxOf(scene: FarScene, id: string): FarBox | undefined {
  return scene.boxes.find((b) => b.id === id) ?? scene.frames.find((b) => b.id === id);
}
