import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Graph, GraphNode, Position } from '../../app/graph/types';
import { err, ok, type Result } from '../../app/result';
import { containerView, isModuleNodeId, moduleIdOf, moduleNodeId } from './containers';
import { columns, COLUMNS_ABOVE, ROW_GAP, ZERO_PAD } from './columns';
import { FRAME_HEADER, FRAME_PAD, NODE_HEIGHT, NODE_WIDTH } from './nodeData';

export type LayoutDirection = 'DOWN' | 'RIGHT';

const elk = new ELK();
const ROOT = '';
const IN = '\u0001in',
  OUT = '\u0001out';

/** Column heights tried for tall chains (the first is the least a column gets), and the canvas shape they are fitted to. */
const COLUMN_LIMITS = [COLUMNS_ABOVE, 3200, 4600, 6600, 9500];
const WINDOW = { width: 900, height: 780 };

/**
 * Auto-layout of what the canvas shows, with elkjs's layered algorithm, container by container
 * from the innermost out: an expanded container is laid out on its own and then placed as one
 * box in its parent (edges that cross its border count as edges of the box); a collapsed
 * container is one node-sized box whose hidden contents move with it.
 */
export async function autoLayout(graph: Graph, direction: LayoutDirection): Promise<Result<Graph>> {
  const view = containerView(graph);
  const options = (pad: string): Record<string, string> => ({
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.layered.spacing.nodeNodeBetweenLayers': direction === 'DOWN' ? String(ROW_GAP) : '90',
    'elk.spacing.nodeNode': '34',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.padding': pad,
  });

  const nodeParent = new Map(graph.nodes.map((n) => [n.id, n.parent]));
  /** Containers from the outermost down to the one holding this canvas item. */
  const chainOf = (item: string): string[] => {
    let m = isModuleNodeId(item) ? view.modules.get(moduleIdOf(item))?.parent : nodeParent.get(item);
    const chain: string[] = [];
    while (m && view.modules.has(m)) {
      chain.unshift(m);
      m = view.modules.get(m)?.parent;
    }
    return chain;
  };
  // Canvas items (visible nodes and containers) grouped by the container they sit in.
  const itemsIn = new Map<string, string[]>();
  const add = (c: string, item: string) => (itemsIn.get(c) ?? itemsIn.set(c, []).get(c))?.push(item);
  for (const m of view.visibleModules)
    add(m.parent && view.modules.has(m.parent) ? m.parent : ROOT, moduleNodeId(m.id));
  for (const n of graph.nodes)
    if (view.owner.get(n.id) === n.id) add(n.parent && view.modules.has(n.parent) ? n.parent : ROOT, n.id);
  // Edges between canvas items, lifted to the direct children of the container holding both ends.
  const edgesIn = new Map<string, Set<string>>();
  const addEdge = (c: string, from: string, to: string) =>
    (edgesIn.get(c) ?? edgesIn.set(c, new Set()).get(c))?.add(`${from}\u0000${to}`);
  for (const e of graph.edges) {
    const s = view.owner.get(e.source),
      t = view.owner.get(e.target);
    if (!s || !t || s === t) continue;
    const a = [...chainOf(s).map(moduleNodeId), s],
      b = [...chainOf(t).map(moduleNodeId), t];
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i >= a.length || i >= b.length) continue;
    const holder = i === 0 ? ROOT : moduleIdOf(a[i - 1]);
    addEdge(holder, a[i], b[i]);
    // Inside each container the edge leaves or enters, it runs from/to the container's border
    // (a dummy node), so a residual connection gets its own lane instead of crossing the chain.
    for (let k = i; k < a.length - 1; k++) addEdge(moduleIdOf(a[k]), a[k + 1], OUT);
    for (let k = i; k < b.length - 1; k++) addEdge(moduleIdOf(b[k]), IN, b[k + 1]);
  }

  const size = new Map<string, { width: number; height: number }>();
  const shapes = new Map<string, { at: Position[]; width: number; height: number }>();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const rel = new Map<string, Position>();
  const depthMemo = new Map<string, number>();
  const depthBelow = (id: string): number => {
    const hit = depthMemo.get(id);
    if (hit !== undefined) return hit;
    const d = Math.max(0, ...graph.modules.filter((m) => m.parent === id).map((m) => 1 + depthBelow(m.id)));
    depthMemo.set(id, d);
    return d;
  };
  let columned = false;
  const chainOrder = new Map<string, number[]>();
  const layoutContainer = async (c: string, limit: number): Promise<void> => {
    const items = itemsIn.get(c) ?? [];
    for (const item of items) {
      if (isModuleNodeId(item) && !view.modules.get(moduleIdOf(item))?.collapsed)
        await layoutContainer(moduleIdOf(item), limit);
    }
    const below = c === ROOT ? 0 : depthBelow(c);
    const pad = FRAME_PAD * (1 + below),
      header = FRAME_HEADER * (1 + below);
    const g: ElkNode = {
      id: c || 'root',
      layoutOptions: {
        ...options(
          c === ROOT
            ? '[top=0,left=0,bottom=0,right=0]'
            : `[top=${pad + header},left=${pad},bottom=${pad},right=${pad}]`,
        ),
      },
      children: items.map((id) => ({ id, ...(size.get(id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT }) })),
      edges: reduceIfDense(
        [...(edgesIn.get(c) ?? [])].map((k) => k.split('\u0000') as [string, string]),
        items.length,
      ).map(([s, t], i): ElkExtendedEdge => ({ id: `e${i}`, sources: [s], targets: [t] })),
    };
    const used = new Set(g.edges?.flatMap((e) => [...e.sources, ...e.targets]));
    for (const border of [IN, OUT]) {
      if (!used.has(border)) continue;
      const constraint = border === IN ? 'FIRST_SEPARATE' : 'LAST_SEPARATE';
      g.children?.push({
        id: border,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.layered.layering.layerConstraint': constraint },
      });
    }
    // Repeated blocks (ResNet's BasicBlocks, DenseNet's dense layers) have the same structure:
    // lay each structure out once.
    const index = new Map((g.children ?? []).map((ch, i) => [ch.id, i]));
    const kind = (ch: ElkNode) =>
      isModuleNodeId(ch.id) || ch.id === IN || ch.id === OUT
        ? `${ch.id.startsWith('\u0001') ? ch.id : ''}${ch.width}x${ch.height}`
        : (byId.get(ch.id)?.type ?? '?');
    const key = `${c === ROOT ? 'root' : pad}|${(g.children ?? []).map(kind).join(',')}|${(g.edges ?? []).map((e) => `${index.get(e.sources[0])}>${index.get(e.targets[0])}`).join(',')}`;
    const runElk = async () => {
      let hit = shapes.get(key);
      if (!hit) {
        const out = await elk.layout(g);
        const pos = new Map((out.children ?? []).map((ch) => [ch.id, { x: ch.x ?? 0, y: ch.y ?? 0 }]));
        hit = {
          at: (g.children ?? []).map((ch) => pos.get(ch.id) ?? { x: 0, y: 0 }),
          width: out.width ?? NODE_WIDTH,
          height: out.height ?? NODE_HEIGHT,
        };
        shapes.set(key, hit);
      }
      return hit;
    };
    const children = g.children ?? [];
    // A chain already set in columns keeps its order when only its items' sizes change (another column
    // height): no second elk run.
    const order = chainOrder.get(c);
    let shape = order && order.length === children.length ? undefined : await runElk();
    if (direction === 'DOWN') {
      const ys = new Map<number, number>();
      if (!shape && order) order.reduce((y, i) => (ys.set(i, y), y + (children[i].height ?? 0) + ROW_GAP), 0);
      const boxes = children.map((ch, i) => ({
        x: shape?.at[i].x ?? 0,
        y: shape?.at[i].y ?? ys.get(i) ?? 0,
        width: ch.width ?? NODE_WIDTH,
        height: ch.height ?? NODE_HEIGHT,
        container: isModuleNodeId(ch.id),
        border: ch.id === IN || ch.id === OUT,
      }));
      const pads = c === ROOT ? ZERO_PAD : { left: pad, top: pad + header, right: pad, bottom: pad };
      const cols = columns(boxes, pads, limit);
      if (cols) {
        if (!order)
          chainOrder.set(
            c,
            boxes.map((_, i) => i).sort((a, b) => boxes[a].y - boxes[b].y),
          );
        shape = cols;
        columned = true;
      }
    }
    shape ??= await runElk();
    const final = shape;
    (g.children ?? []).forEach((ch, i) => rel.set(ch.id, final.at[i]));
    if (c !== ROOT) size.set(moduleNodeId(c), { width: shape.width, height: shape.height });
  };
  // Columns may be as tall as the tallest candidate that keeps the whole network nearest the
  // window's shape (a fitted view then shows it largest); elk's work is cached across candidates.
  const extent = () => {
    let w = 0,
      h = 0;
    for (const item of itemsIn.get(ROOT) ?? []) {
      const p = rel.get(item) ?? { x: 0, y: 0 },
        d = size.get(item) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
      w = Math.max(w, p.x + d.width);
      h = Math.max(h, p.y + d.height);
    }
    return Math.min(WINDOW.width / w, WINDOW.height / h);
  };
  try {
    await layoutContainer(ROOT, COLUMN_LIMITS[0]);
    if (columned) {
      let best = { limit: COLUMN_LIMITS[0], score: extent() };
      for (const limit of COLUMN_LIMITS.slice(1)) {
        await layoutContainer(ROOT, limit);
        const score = extent();
        if (score > best.score * 1.02) best = { limit, score };
      }
      await layoutContainer(ROOT, best.limit);
    }
  } catch (e) {
    return err(`auto-layout failed: ${(e as Error).message}`);
  }

  const abs = new Map<string, Position>();
  const place = (c: string, ox: number, oy: number) => {
    for (const item of itemsIn.get(c) ?? []) {
      const p = rel.get(item) ?? { x: 0, y: 0 };
      const at = { x: ox + p.x, y: oy + p.y };
      abs.set(item, at);
      if (isModuleNodeId(item) && !view.modules.get(moduleIdOf(item))?.collapsed) place(moduleIdOf(item), at.x, at.y);
    }
  };
  place(ROOT, 0, 0);

  // Collapsed containers: shift their hidden contents so the box's corner lands on the new spot.
  const shift = new Map<string, Position>();
  for (const m of view.visibleModules) {
    if (!m.collapsed) continue;
    const target = abs.get(moduleNodeId(m.id));
    const inside = (view.descendants.get(m.id) ?? []).map((id) => byId.get(id)).filter((n): n is GraphNode => !!n);
    if (!target || inside.length === 0) continue;
    const x0 = Math.min(...inside.map((n) => n.position.x)),
      y0 = Math.min(...inside.map((n) => n.position.y));
    for (const n of inside) shift.set(n.id, { x: target.x - x0, y: target.y - y0 });
  }
  const nodes = graph.nodes.map((n) => {
    const p = abs.get(n.id);
    if (p) return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
    const d = shift.get(n.id);
    return d ? { ...n, position: { x: Math.round(n.position.x + d.x), y: Math.round(n.position.y + d.y) } } : n;
  });
  return ok({ ...graph, nodes });
}

/**
 * DenseNet concatenates every earlier output: hundreds of long edges that make elk's layered
 * layout take seconds. Where edges outnumber items more than twice, lay out the transitive
 * reduction instead (an edge implied by a longer path does not change the layering; React Flow
 * still draws every edge).
 */
export function reduceIfDense(edges: [string, string][], items: number): [string, string][] {
  if (edges.length <= 2 * items) return edges;
  const out = new Map<string, string[]>();
  for (const [s, t] of edges) (out.get(s) ?? out.set(s, []).get(s))?.push(t);
  const reachableAvoiding = (from: string, to: string): boolean => {
    const stack = (out.get(from) ?? []).filter((x) => x !== to);
    const seen = new Set(stack);
    while (stack.length) {
      const x = stack.pop() as string;
      if (x === to) return true;
      for (const y of out.get(x) ?? [])
        if (!seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
    }
    return false;
  };
  return edges.filter(([s, t]) => !reachableAvoiding(s, t));
}

/**
 * Lays out one container just inserted (a block from the palette) with the same elk layout as
 * {@link autoLayout}, moving only the nodes inside it: the container and the node feeding it (`anchor`)
 * are laid out together, so the container lands where Layout would put it below that node (its skip
 * edges get their own lane beside its chain), and the anchor stays put. Without an anchor the
 * container keeps its top-left corner. Returns the new position of each node inside the container.
 */
export async function layoutInserted(
  graph: Graph,
  moduleId: string,
  direction: LayoutDirection,
  anchor?: string,
): Promise<Result<Map<string, Position>>> {
  const view = containerView(graph);
  const inside = new Set(view.descendants.get(moduleId) ?? []);
  if (inside.size === 0) return err(`container ${moduleId} has no layers to lay out`);
  const within = new Set([moduleId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of graph.modules)
      if (m.parent && within.has(m.parent) && !within.has(m.id)) {
        within.add(m.id);
        grew = true;
      }
  }
  const base = graph.nodes.find((n) => n.id === anchor && !inside.has(n.id));
  const modules = graph.modules
    .filter((m) => within.has(m.id))
    .map((m) => {
      if (m.id !== moduleId) return m;
      const { parent: _p, collapsed: _c, ...top } = m;
      return top;
    });
  const nodes = [
    ...graph.nodes.filter((n) => inside.has(n.id)),
    ...(base ? [(({ parent: _p, ...top }) => top)(base)] : []),
  ];
  const ids = new Set(nodes.map((n) => n.id));
  const sub: Graph = {
    ...graph,
    modules,
    nodes,
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
  const laid = await autoLayout(sub, direction);
  if (!laid.ok) return laid;
  const at = new Map(laid.value.nodes.map((n) => [n.id, n.position]));
  let dx: number, dy: number;
  if (base) {
    const p = at.get(base.id) ?? base.position;
    dx = base.position.x - p.x;
    dy = base.position.y - p.y;
  } else {
    const before = graph.nodes.filter((n) => inside.has(n.id));
    const after = laid.value.nodes.filter((n) => inside.has(n.id));
    dx = Math.min(...before.map((n) => n.position.x)) - Math.min(...after.map((n) => n.position.x));
    dy = Math.min(...before.map((n) => n.position.y)) - Math.min(...after.map((n) => n.position.y));
  }
  const out = new Map<string, Position>();
  for (const id of inside) {
    const p = at.get(id);
    if (p) out.set(id, { x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
  }
  return ok(out);
}
