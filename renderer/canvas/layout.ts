import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Graph, GraphNode, Position } from '../../app/graph/types';
import { containerView, moduleIdOf, moduleNodeId } from './containers';
import { FRAME_HEADER, FRAME_PAD, NODE_HEIGHT, NODE_WIDTH } from './nodeData';

export type LayoutDirection = 'DOWN' | 'RIGHT';

const elk = new ELK();

/**
 * Auto-layout of what the canvas shows, with elkjs's layered algorithm: expanded containers
 * are compound nodes (their contents laid out inside them), collapsed containers one box.
 * Returns the graph with new positions (a collapsed container's hidden contents move with it).
 */
export async function autoLayout(graph: Graph, direction: LayoutDirection): Promise<Graph> {
  const view = containerView(graph);
  const depthBelow = new Map<string, number>();
  const below = (id: string): number => {
    const hit = depthBelow.get(id);
    if (hit !== undefined) return hit;
    const d = Math.max(0, ...graph.modules.filter((m) => m.parent === id).map((m) => 1 + below(m.id)));
    depthBelow.set(id, d);
    return d;
  };
  const layoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.layered.spacing.nodeNodeBetweenLayers': direction === 'DOWN' ? '64' : '90',
    'elk.spacing.nodeNode': '34',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.edgeRouting': 'SPLINES',
  };
  const boxes = new Map<string, ElkNode>();
  const root: ElkNode = { id: 'root', layoutOptions, children: [], edges: [] };
  const containerOf = (parent: string | undefined): ElkNode => {
    if (!parent) return root;
    const id = moduleNodeId(parent);
    const hit = boxes.get(id);
    if (hit) return hit;
    return root;
  };
  // Containers outermost first so that parents exist before children.
  for (const m of view.visibleModules) {
    const id = moduleNodeId(m.id);
    const box: ElkNode = m.collapsed
      ? { id, width: NODE_WIDTH, height: NODE_HEIGHT }
      : { id, children: [], layoutOptions: { ...layoutOptions, 'elk.padding': padding(below(m.id)) } };
    boxes.set(id, box);
    containerOf(m.parent).children?.push(box);
  }
  for (const n of graph.nodes) {
    if (view.owner.get(n.id) !== n.id) continue;
    containerOf(n.parent).children?.push({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const s = view.owner.get(e.source), t = view.owner.get(e.target);
    if (!s || !t || s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    (root.edges as ElkExtendedEdge[]).push({ id: `e${seen.size}`, sources: [s], targets: [t] });
  }

  const out = await elk.layout(root);
  const abs = new Map<string, Position>();
  const walk = (n: ElkNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0), y = oy + (c.y ?? 0);
      abs.set(c.id, { x, y });
      walk(c, x, y);
    }
  };
  walk(out, 0, 0);

  // Collapsed containers: shift their hidden contents so the box's corner lands on the new spot.
  const shift = new Map<string, Position>();
  for (const m of view.visibleModules) {
    if (!m.collapsed) continue;
    const target = abs.get(moduleNodeId(m.id));
    const inside = (view.descendants.get(m.id) ?? []).map((id) => graph.nodes.find((n) => n.id === id)).filter((n): n is GraphNode => !!n);
    if (!target || inside.length === 0) continue;
    const x0 = Math.min(...inside.map((n) => n.position.x)), y0 = Math.min(...inside.map((n) => n.position.y));
    for (const n of inside) shift.set(n.id, { x: target.x - x0, y: target.y - y0 });
  }
  const nodes = graph.nodes.map((n) => {
    const p = abs.get(n.id);
    if (p) return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
    const d = shift.get(n.id);
    return d ? { ...n, position: { x: Math.round(n.position.x + d.x), y: Math.round(n.position.y + d.y) } } : n;
  });
  return { ...graph, nodes };
}

/** Matches the frame drawn around an expanded container (see derive.ts). */
function padding(depthBelow: number): string {
  const pad = FRAME_PAD * (1 + depthBelow), header = FRAME_HEADER * (1 + depthBelow);
  return `[top=${pad + header},left=${pad},bottom=${pad},right=${pad}]`;
}

export { moduleIdOf };
