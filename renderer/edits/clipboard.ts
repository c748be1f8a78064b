import type { Graph, GraphEdge, GraphNode, ModuleDef } from '../../app/graph/types';
import { freshIdFactory } from './ids';

/** What copy puts on the clipboard: the selected nodes and containers with the edges inside the selection. */
export interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
  modules: ModuleDef[];
}

export function copyItems(g: Graph, nodeIds: Iterable<string>, moduleIds: Iterable<string>): Clip {
  const mods = new Set(moduleIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of g.modules) if (m.parent && mods.has(m.parent) && !mods.has(m.id)) { mods.add(m.id); grew = true; }
  }
  const ids = new Set(nodeIds);
  const nodes = g.nodes.filter((n) => ids.has(n.id) || (n.parent !== undefined && mods.has(n.parent)));
  const kept = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: g.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
    modules: g.modules.filter((m) => mods.has(m.id)),
  };
}

/** Paste with fresh ids, shifted by `offset`; items whose container was not copied land in `parent`. */
export function pasteClip(g: Graph, clip: Clip, offset: { x: number; y: number }, parent?: string): { graph: Graph; ids: string[] } {
  const fresh = freshIdFactory(g);
  const map = new Map<string, string>();
  for (const m of clip.modules) map.set(m.id, fresh(m.name || m.kind));
  for (const n of clip.nodes) map.set(n.id, fresh(n.type));
  const reparent = (p: string | undefined) => (p !== undefined && map.has(p) ? map.get(p) : parent);
  const modules = clip.modules.map((m) => strip({ ...m, id: map.get(m.id) as string, parent: reparent(m.parent) }));
  const nodes = clip.nodes.map((n) => strip({
    ...n, id: map.get(n.id) as string, parent: reparent(n.parent),
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    shares: n.shares && map.has(n.shares) ? map.get(n.shares) : undefined,
  }));
  const edges = clip.edges.map((e) => ({ ...e, id: fresh('e'), source: map.get(e.source) as string, target: map.get(e.target) as string }));
  const ids = [...nodes.map((n) => n.id), ...modules.map((m) => `m:${m.id}`)];
  return { graph: { ...g, nodes: [...g.nodes, ...nodes], edges: [...g.edges, ...edges], modules: [...g.modules, ...modules] }, ids };
}

function strip<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
}
