import type { Graph, GraphNode, Position } from '../../app/graph/types';
import type { Fix } from '../../app/shapes/types';
import { err, ok, type Result } from '../../app/result';
import { getLayer } from '../../app/layers/registry';
import { topoOrder } from '../../app/graph/topo';
import { freshIdFactory } from './ids';

/** Values for required parameters of a freshly added layer (the ones PyTorch has no default for). */
const STARTER: Record<string, unknown> = {
  out_channels: 16, kernel_size: 3, out_features: 10, output_size: 1, shape: [1, 28, 28], size: 5, scale_factor: 2,
};

/** Parameters of a new node: only what the schema requires, filled from STARTER. */
export function starterParams(type: string): Record<string, unknown> {
  const spec = getLayer(type);
  if (!spec) return {};
  const parsed = spec.schema.safeParse({});
  if (parsed.success) return {};
  const params: Record<string, unknown> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key in STARTER) params[key] = STARTER[key];
  }
  return params;
}

export function addNode(g: Graph, type: string, position: Position, parent?: string): Result<{ graph: Graph; id: string }> {
  if (!getLayer(type)) return err(`unknown layer kind '${type}'`);
  const id = freshIdFactory(g)(type);
  const node: GraphNode = { id, type, params: starterParams(type), position, ...(parent ? { parent } : {}) };
  return ok({ graph: { ...g, nodes: [...g.nodes, node] }, id });
}

/** Whether an edge source -> target (port) may be drawn: no self-loop, no cycle, the port exists and is free. */
export function connectionProblem(g: Graph, source: string, target: string, port: number): string | null {
  const s = g.nodes.find((n) => n.id === source), t = g.nodes.find((n) => n.id === target);
  if (!s || !t) return 'both ends must be layers on the canvas';
  if (source === target) return `${t.type} cannot take its own output`;
  const spec = getLayer(t.type);
  const max = spec?.inputs.max ?? 1;
  if (max === 0) return `${t.type} takes no inputs`;
  if (port >= max) return `${t.type} takes at most ${max} input${max === 1 ? '' : 's'}`;
  if (g.edges.some((e) => e.target === target && (e.targetPort ?? 0) === port)) {
    return max === 1 ? `${t.type} already has an input: delete that edge first` : `input ${port} of ${t.type} is taken`;
  }
  const after = { nodes: g.nodes, edges: [...g.edges, { id: '_', source, target }] };
  if (topoOrder(after).cyclic.length > topoOrder(g).cyclic.length) return 'that connection would make a cycle';
  return null;
}

export function connect(g: Graph, source: string, target: string, port = 0): Result<Graph> {
  const problem = connectionProblem(g, source, target, port);
  if (problem) return err(problem);
  const id = freshIdFactory(g)('e');
  return ok({ ...g, edges: [...g.edges, { id, source, target, ...(port ? { targetPort: port } : {}) }] });
}

/** Remove nodes (with their edges), edges, and modules with everything inside them. */
export function removeItems(g: Graph, nodeIds: Set<string>, edgeIds: Set<string>, moduleIds: Set<string>): Graph {
  const mods = new Set(moduleIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of g.modules) if (m.parent && mods.has(m.parent) && !mods.has(m.id)) { mods.add(m.id); grew = true; }
  }
  const nodes = g.nodes.filter((n) => !nodeIds.has(n.id) && !(n.parent && mods.has(n.parent)));
  const kept = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => !edgeIds.has(e.id) && kept.has(e.source) && kept.has(e.target));
  if (nodes.length === g.nodes.length && edges.length === g.edges.length && mods.size === 0) return g;
  return { ...g, nodes, edges, modules: g.modules.filter((m) => !mods.has(m.id)) };
}

export function setParams(g: Graph, id: string, params: Record<string, unknown>): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? { ...n, params } : n)) };
}

export function setNodeName(g: Graph, id: string, name: string): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? { ...n, name: name || undefined } : n)) };
}

/** Apply an analyzer's one-click fix. */
export function applyFix(g: Graph, fix: Fix): Result<Graph> {
  if (fix.kind === 'setParam') {
    const n = g.nodes.find((x) => x.id === fix.nodeId);
    if (!n) return err(`node ${fix.nodeId} no longer exists`);
    return ok(setParams(g, n.id, { ...n.params, [fix.param]: fix.value }));
  }
  if (fix.kind === 'removeEdge') return ok(removeItems(g, new Set(), new Set([fix.edgeId]), new Set()));
  const n = g.nodes.find((x) => x.id === fix.nodeId);
  if (!n) return err(`node ${fix.nodeId} no longer exists`);
  const fresh = freshIdFactory(g);
  const id = fresh(fix.layerType);
  const inserted: GraphNode = { id, type: fix.layerType, params: fix.params ?? {}, position: { x: n.position.x, y: n.position.y }, ...(n.parent ? { parent: n.parent } : {}) };
  const nodes = g.nodes.flatMap((x) => (x.id === n.id ? [inserted, { ...x, position: { x: x.position.x, y: x.position.y + 90 } }] : [x]));
  const edges = g.edges.map((e) => (e.target === n.id ? { ...e, target: id, targetPort: undefined } : e));
  edges.push({ id: fresh('e'), source: id, target: n.id });
  return ok({ ...g, nodes, edges });
}
