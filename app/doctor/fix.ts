/** Applies a doctor fix to a graph: the shape analysis' fixes through applyFix, and the doctor's own edits. */
import { allocator, idPrefix, type IdSource } from '../graph/ids';
import { applyFix, removeNodes, ungroup } from '../graph/ops';
import { compact, findNode, label } from '../graph/ops-util';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import type { DoctorFix } from './types';

/** Removes a one-input node and feeds its input straight to every consumer (same ports). */
export function bypassNode(g: Graph, nodeId: string): Result<Graph> {
  const node = findNode(g, nodeId);
  if (!node) return err(`no node with id '${nodeId}': it was already removed`);
  const ins = g.edges.filter((e) => e.target === nodeId);
  if (ins.length !== 1)
    return err(`${label(node)} has ${ins.length} inputs; only a layer with one input can be removed in place`);
  const source = ins[0].source;
  const edges = g.edges.flatMap((e): GraphEdge[] => {
    if (e.target === nodeId) return [];
    if (e.source === nodeId) return [{ ...e, source }];
    return [e];
  });
  return ok(removeNodes({ ...g, edges }, [nodeId]));
}

/** Inserts a one-input layer after a node: node -> new -> (every former consumer). */
export function insertAfter(
  g: Graph,
  nodeId: string,
  type: string,
  params: Record<string, unknown> = {},
  ids?: IdSource,
): Result<{ graph: Graph; id: string }> {
  const node = findNode(g, nodeId);
  if (!node) return err(`no node with id '${nodeId}'`);
  const spec = getLayer(type);
  if (!spec || spec.inputs.min > 1 || spec.inputs.max < 1)
    return err(`${type} cannot be inserted after a layer: it needs exactly one input`);
  const alloc = allocator(g, ids);
  const id = alloc.next(idPrefix(type));
  // Between the node and its first consumer (as inserting on an edge does), else below it.
  const next = g.nodes.find((n) => n.id === g.edges.find((e) => e.source === nodeId)?.target);
  const position = next
    ? { x: (node.position.x + next.position.x) / 2, y: (node.position.y + next.position.y) / 2 }
    : { x: node.position.x, y: node.position.y + 80 };
  const added: GraphNode = compact({ id, type, params: { ...params }, parent: node.parent, position });
  const edges = g.edges.map((e) => (e.source === nodeId ? { ...e, source: id } : e));
  edges.push({ id: alloc.next('e'), source: nodeId, target: id });
  const i = g.nodes.findIndex((n) => n.id === nodeId);
  const nodes = [...g.nodes.slice(0, i + 1), added, ...g.nodes.slice(i + 1)];
  return ok({ graph: { ...g, nodes, edges }, id });
}

const merge = (base: Record<string, unknown> | undefined, patch: Record<string, unknown>): Record<string, unknown> => ({
  ...(base ?? {}),
  ...patch,
});

export function applyDoctorFix(g: Graph, fix: DoctorFix, ids?: IdSource): Result<Graph> {
  switch (fix.kind) {
    case 'bypass':
      return bypassNode(g, fix.nodeId);
    case 'removeNodes': {
      const missing = fix.nodeIds.filter((id) => !findNode(g, id));
      if (missing.length === fix.nodeIds.length) return err('those layers were already removed');
      return ok(removeNodes(g, fix.nodeIds));
    }
    case 'ungroup':
      return ungroup(g, fix.moduleId);
    case 'setTraining':
      return ok({ ...g, training: merge(g.training, fix.patch) });
    case 'setDataset':
      return ok({ ...g, dataset: merge(g.dataset, fix.patch) });
    case 'insertAfter': {
      const r = insertAfter(g, fix.nodeId, fix.layerType, fix.params ?? {}, ids);
      return r.ok ? ok(r.value.graph) : r;
    }
    case 'several':
      return applyDoctorFixes(g, fix.fixes);
    default:
      return applyFix(g, fix, ids);
  }
}

/** Applies several fixes in order (a remedy action); the first failure stops it and names the fix. */
export function applyDoctorFixes(g: Graph, fixes: readonly DoctorFix[]): Result<Graph> {
  let cur = g;
  for (const f of fixes) {
    const r = applyDoctorFix(cur, f);
    if (!r.ok) return err(`${f.label}: ${r.error}`);
    cur = r.value;
  }
  return ok(cur);
}
