import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { allocator, idPrefix, type IdSource } from './ids';
import { attributeNameProblem } from './names';
import { compact, freeName, kindOf, moduleAndDescendants, siblingNames } from './ops-util';
import type { Graph, GraphEdge, GraphNode, ModuleDef, Position } from './types';

/**
 * What copy puts on the clipboard: the selected nodes, the edges between them, and the containers
 * whose every node is selected. Items keep their original `parent`; on paste a parent that is not
 * in the fragment is kept when it exists in the target document. Plain JSON.
 */
export interface Fragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
  modules: ModuleDef[];
}

/** Copies a selection of node ids and/or module ids (a module means everything inside it). */
export function copy(g: Graph, ids: readonly string[]): Fragment {
  const selected = new Set<string>();
  const nodeIds = new Set(g.nodes.map((n) => n.id));
  for (const id of ids) {
    if (nodeIds.has(id)) selected.add(id);
    else if (g.modules.some((m) => m.id === id)) {
      const inside = moduleAndDescendants(g, id);
      for (const n of g.nodes) if (n.parent !== undefined && inside.has(n.parent)) selected.add(n.id);
    }
  }
  const nodes = g.nodes.filter((n) => selected.has(n.id));
  // A container is copied when it holds at least one node and all of its nodes are selected:
  // walk up from every node, marking the containers that hold a selected / an unselected node.
  const parentOf = new Map(g.modules.map((m) => [m.id, m.parent]));
  const holdsSelected = new Set<string>();
  const holdsOther = new Set<string>();
  for (const n of g.nodes) {
    const mark = selected.has(n.id) ? holdsSelected : holdsOther;
    for (
      let p = n.parent, steps = 0;
      p !== undefined && !mark.has(p) && steps <= g.modules.length;
      p = parentOf.get(p), steps++
    )
      mark.add(p);
  }
  const modules = g.modules.filter((m) => holdsSelected.has(m.id) && !holdsOther.has(m.id));
  const edges = g.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  return { nodes, edges, modules };
}

export interface PasteResult {
  graph: Graph;
  /** Ids of the pasted nodes and modules, in fragment order (for the new selection). */
  nodeIds: string[];
  moduleIds: string[];
}

/**
 * Pastes a fragment with fresh ids, shifted by `offset`. Only the fragment's own edges come along.
 * Names that would clash in the target module are adjusted (a node falls back to its default name).
 */
export function paste(
  g: Graph,
  fragment: Fragment,
  offset: Position = { x: 40, y: 40 },
  ids?: IdSource,
): Result<PasteResult> {
  const unknown = fragment.nodes.find((n) => !getLayer(n.type));
  if (unknown) return err(`cannot paste: unknown layer type '${unknown.type}'`);
  if (fragment.nodes.length === 0) return err('nothing to paste: copy some layers first');
  const alloc = allocator(g, ids);
  const moduleMap = new Map(fragment.modules.map((m) => [m.id, alloc.next(`m_${idPrefix(m.name)}`)]));
  const nodeMap = new Map(fragment.nodes.map((n) => [n.id, alloc.next(idPrefix(n.type))]));
  const existing = new Set(g.modules.map((m) => m.id));
  const outerParent = (p: string | undefined): string | undefined =>
    p === undefined ? undefined : (moduleMap.get(p) ?? (existing.has(p) ? p : undefined));
  const taken = new Map<string | undefined, Set<string>>();
  const namesIn = (p: string | undefined) => {
    let s = taken.get(p);
    if (!s) taken.set(p, (s = siblingNames(g, p)));
    return s;
  };
  const modules = fragment.modules.map((m): ModuleDef => {
    const parent = outerParent(m.parent);
    const inFragment = m.parent !== undefined && moduleMap.has(m.parent);
    const name = inFragment ? m.name : freeName(m.name, kindOf(g, parent), namesIn(parent));
    if (!inFragment) namesIn(parent).add(name);
    return compact({ ...m, id: moduleMap.get(m.id) as string, name, parent });
  });
  const withModules: Graph = { ...g, modules: [...g.modules, ...modules] };
  const nodes = fragment.nodes.map((n): GraphNode => {
    const parent = outerParent(n.parent);
    const inFragment = n.parent !== undefined && moduleMap.has(n.parent);
    const shares =
      n.shares === undefined
        ? undefined
        : (nodeMap.get(n.shares) ?? (g.nodes.some((x) => x.id === n.shares && !x.shares) ? n.shares : undefined));
    const registered = !shares && !n.functional;
    let name = n.name;
    if (name !== undefined && !inFragment) {
      const clash =
        attributeNameProblem(name, kindOf(withModules, parent)) !== null || (registered && namesIn(parent).has(name));
      if (clash) name = undefined;
      else if (registered) namesIn(parent).add(name);
    }
    const position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    return compact({ ...n, id: nodeMap.get(n.id) as string, parent, name, shares, position });
  });
  // A copy that calls a copied module again shows that module's (possibly renamed) name.
  const copiedName = new Map(nodes.map((n) => [n.id, n.name]));
  const named = nodes.map((n) => {
    if (n.shares === undefined || !copiedName.has(n.shares) || n.name === copiedName.get(n.shares)) return n;
    return compact({ ...n, name: copiedName.get(n.shares) });
  });
  const edges = fragment.edges
    .filter((e) => nodeMap.has(e.source) && nodeMap.has(e.target))
    .map((e): GraphEdge =>
      compact({
        ...e,
        id: alloc.next('e'),
        source: nodeMap.get(e.source) as string,
        target: nodeMap.get(e.target) as string,
      }),
    );
  return ok({
    graph: { ...withModules, nodes: [...g.nodes, ...named], edges: [...g.edges, ...edges] },
    nodeIds: named.map((n) => n.id),
    moduleIds: modules.map((m) => m.id),
  });
}

/** Copy and paste in one step (Ctrl+D). */
export function duplicate(
  g: Graph,
  ids: readonly string[],
  offset: Position = { x: 40, y: 40 },
  idSource?: IdSource,
): Result<PasteResult> {
  return paste(g, copy(g, ids), offset, idSource);
}
