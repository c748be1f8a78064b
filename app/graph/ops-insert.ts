import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import type { Fix } from '../shapes/types';
import { allocator, idPrefix, type IdSource } from './ids';
import { disconnect } from './ops-edges';
import { setParams } from './ops-nodes';
import { compact, findNode, label } from './ops-util';
import type { Graph, GraphEdge, GraphNode } from './types';

function checkInsertable(type: string): string | null {
  const spec = getLayer(type);
  if (!spec) return `unknown layer type '${type}'`;
  if (spec.inputs.max < 1 || spec.inputs.min > 1)
    return `${type} does not take exactly one input, so it cannot be inserted on an edge`;
  return null;
}

/** Places `node` just before `beforeId` in document order (which decides Sequential indices). */
function insertNodeBefore(nodes: readonly GraphNode[], node: GraphNode, beforeId: string): GraphNode[] {
  const i = nodes.findIndex((n) => n.id === beforeId);
  return i < 0 ? [...nodes, node] : [...nodes.slice(0, i), node, ...nodes.slice(i)];
}

/**
 * Splits an edge with a new one-input layer: source -> new -> target (the target keeps its port).
 * The new node sits between the two, in the target's module, just before the target in order.
 */
export function insertOnEdge(
  g: Graph,
  edgeId: string,
  type: string,
  params: Record<string, unknown> = {},
  ids?: IdSource,
): Result<{ graph: Graph; id: string }> {
  const edge = g.edges.find((e) => e.id === edgeId);
  if (!edge) return err(`no edge with id '${edgeId}'`);
  const bad = checkInsertable(type);
  if (bad) return err(bad);
  const s = findNode(g, edge.source);
  const t = findNode(g, edge.target);
  if (!s || !t) return err(`edge '${edgeId}' joins a node that does not exist: remove the edge`);
  const alloc = allocator(g, ids);
  const id = alloc.next(idPrefix(type));
  const node: GraphNode = compact({
    id,
    type,
    params: { ...params },
    parent: t.parent,
    position: { x: (s.position.x + t.position.x) / 2, y: (s.position.y + t.position.y) / 2 },
  });
  // The new node reads the output the edge left from; its own (single) output takes the edge on.
  const into: GraphEdge = compact({
    id: alloc.next('e'),
    source: edge.source,
    target: id,
    sourcePort: edge.sourcePort,
  });
  const out: GraphEdge = compact({ ...edge, source: id, sourcePort: undefined });
  const edges = g.edges.flatMap((e) => (e.id === edgeId ? [into, out] : [e]));
  return ok({ graph: { ...g, nodes: insertNodeBefore(g.nodes, node, t.id), edges }, id });
}

/**
 * Inserts a layer in front of input `port` of a node (the one-click "insert Flatten" fix).
 * With an edge on that port the edge is split; without one, the new layer is placed above and
 * connected into the port.
 */
export function insertBefore(
  g: Graph,
  nodeId: string,
  type: string,
  params: Record<string, unknown> = {},
  port = 0,
  ids?: IdSource,
): Result<{ graph: Graph; id: string }> {
  const t = findNode(g, nodeId);
  if (!t) return err(`no node with id '${nodeId}'`);
  const edge = g.edges.find((e) => e.target === nodeId && (e.targetPort ?? 0) === port);
  if (edge) return insertOnEdge(g, edge.id, type, params, ids);
  const bad = checkInsertable(type);
  if (bad) return err(bad);
  if ((getLayer(t.type)?.inputs.max ?? 1) <= port) return err(`${label(t)} has no input port ${port}`);
  const alloc = allocator(g, ids);
  const id = alloc.next(idPrefix(type));
  const node: GraphNode = compact({
    id,
    type,
    params: { ...params },
    parent: t.parent,
    position: { x: t.position.x, y: t.position.y - 80 },
  });
  const edge2: GraphEdge =
    port === 0
      ? { id: alloc.next('e'), source: id, target: nodeId }
      : { id: alloc.next('e'), source: id, target: nodeId, targetPort: port };
  return ok({ graph: { ...g, nodes: insertNodeBefore(g.nodes, node, nodeId), edges: [...g.edges, edge2] }, id });
}

/**
 * Puts a `type` layer (default arguments) in the place of node `nodeId`: a new id, the same
 * position, module and document order (so Sequential indices stay), and its edges. The old
 * node's attribute name goes with it (the new layer takes its kind's default name).
 */
export function replaceNode(
  g: Graph,
  nodeId: string,
  type: string,
  params: Record<string, unknown> = {},
  ids?: IdSource,
): Result<{ graph: Graph; id: string }> {
  const old = findNode(g, nodeId);
  if (!old) return err(`no node with id '${nodeId}': it was already replaced or deleted`);
  if (!getLayer(type)) return err(`unknown layer type '${type}'`);
  if (g.nodes.some((n) => n.shares === nodeId))
    return err(`${label(old)} is called again by other nodes: clear their "shares" first`);
  const id = allocator(g, ids).next(idPrefix(type));
  const node: GraphNode = compact({ id, type, params: { ...params }, parent: old.parent, position: old.position });
  const nodes = g.nodes.map((n) => (n.id === nodeId ? node : n));
  const edges = g.edges.map((e) =>
    e.source === nodeId || e.target === nodeId
      ? { ...e, ...(e.source === nodeId ? { source: id } : {}), ...(e.target === nodeId ? { target: id } : {}) }
      : e,
  );
  return ok({ graph: { ...g, nodes, edges }, id });
}

/** Applies a one-click fix offered by the shape analysis. */
export function applyFix(g: Graph, fix: Fix, ids?: IdSource): Result<Graph> {
  switch (fix.kind) {
    case 'insertBefore': {
      const r = insertBefore(g, fix.nodeId, fix.layerType, fix.params ?? {}, 0, ids);
      return r.ok ? ok(r.value.graph) : r;
    }
    case 'setParam':
      return setParams(g, fix.nodeId, { [fix.param]: fix.value });
    case 'replaceNode': {
      const r = replaceNode(g, fix.nodeId, fix.layerType, {}, ids);
      return r.ok ? ok(r.value.graph) : r;
    }
    case 'removeEdge':
      if (!g.edges.some((e) => e.id === fix.edgeId))
        return err(`no edge with id '${fix.edgeId}': it was already removed`);
      return ok(disconnect(g, fix.edgeId));
    default:
      return err(`unknown fix ${JSON.stringify((fix as { kind?: unknown }).kind)}`);
  }
}
