import { getLayer, LAYERS } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { allocator, idPrefix, type IdSource } from './ids';
import { attributeNameProblem } from './names';
import { compact, findModule, findNode, kindOf, label, mapNodes, nameProblem } from './ops-util';
import type { Graph, GraphNode, Position } from './types';

/** Adds a node of a registry type. Refused for an unknown type or parent module. */
export function addNode(
  g: Graph,
  type: string,
  params: Record<string, unknown>,
  position: Position,
  parent?: string,
  ids?: IdSource,
): Result<{ graph: Graph; id: string }> {
  if (!getLayer(type)) return err(`unknown layer type '${type}' (known: ${LAYERS.map((l) => l.type).join(', ')})`);
  if (parent !== undefined && !findModule(g, parent)) return err(`no module with id '${parent}'`);
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) return err('the position must be finite numbers');
  const id = allocator(g, ids).next(idPrefix(type));
  const node: GraphNode = compact({
    id,
    type,
    params: { ...params },
    position: { x: position.x, y: position.y },
    parent,
  });
  return ok({ graph: { ...g, nodes: [...g.nodes, node] }, id });
}

/**
 * Removes nodes with their edges. Containers left empty by the removal go too (up the tree).
 * Nodes that `shares` a removed node take over its module: the first becomes the owner.
 */
export function removeNodes(g: Graph, ids: readonly string[]): Graph {
  const gone = new Set(ids.filter((id) => g.nodes.some((n) => n.id === id)));
  if (gone.size === 0) return g;
  const newOwner = new Map<string, string>(); // removed owner -> first remaining sharer
  for (const n of g.nodes) {
    if (!gone.has(n.id) && n.shares !== undefined && gone.has(n.shares) && !newOwner.has(n.shares))
      newOwner.set(n.shares, n.id);
  }
  const nodes = g.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      if (n.shares === undefined || !gone.has(n.shares)) return n;
      const owner = newOwner.get(n.shares) as string;
      if (owner === n.id) {
        const { shares: _, ...rest } = n;
        return rest;
      }
      return { ...n, shares: owner };
    });
  const edges = g.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
  // A sharer promoted to owner registers its name: one already taken by a sibling is dropped (derived instead).
  const promoted = new Set(newOwner.values());
  const kept: Graph = { ...g, nodes, edges };
  const named =
    promoted.size === 0
      ? nodes
      : nodes.map((n) => {
          if (!promoted.has(n.id) || n.name === undefined || nameProblem(kept, n.parent, n.name, n.id) === null)
            return n;
          const { name: _, ...rest } = n;
          return rest;
        });
  return dropEmptiedModules(g, { ...kept, nodes: named });
}

/** Removes the modules that held something in `before` and hold nothing in `after`, repeatedly up the tree. */
export function dropEmptiedModules(before: Graph, after: Graph): Graph {
  const heldBefore = occupied(before);
  let modules = after.modules;
  for (;;) {
    const held = occupied({ ...after, modules });
    const next = modules.filter((m) => held.has(m.id) || !heldBefore.has(m.id));
    if (next.length === modules.length) break;
    modules = next;
  }
  return modules === after.modules ? after : { ...after, modules };
}

function occupied(g: Graph): Set<string> {
  const s = new Set<string>();
  for (const n of g.nodes) if (n.parent !== undefined) s.add(n.parent);
  for (const m of g.modules) if (m.parent !== undefined) s.add(m.parent);
  return s;
}

/** Moves nodes to new positions (a drag calls this on every frame inside one history transaction). */
export function moveNodes(
  g: Graph,
  positions: ReadonlyMap<string, Position> | Readonly<Record<string, Position>>,
): Graph {
  const get = (id: string): Position | undefined =>
    positions instanceof Map
      ? (positions as ReadonlyMap<string, Position>).get(id)
      : Object.prototype.hasOwnProperty.call(positions, id)
        ? (positions as Record<string, Position>)[id]
        : undefined;
  return mapNodes(g, (n) => {
    const p = get(n.id);
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y) || (p.x === n.position.x && p.y === n.position.y))
      return n;
    return { ...n, position: { x: p.x, y: p.y } };
  });
}

/**
 * Merges `patch` into a node's params (a key set to undefined is removed: back to PyTorch's
 * default). Values are kept as given; the layer's schema reports bad ones through the analysis.
 */
export function setParams(g: Graph, id: string, patch: Record<string, unknown>): Result<Graph> {
  const node = findNode(g, id);
  if (!node) return err(`no node with id '${id}'`);
  const params: Record<string, unknown> = { ...node.params };
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined ? k in params : params[k] !== v) changed = true;
    if (v === undefined) delete params[k];
    // defineProperty: a key such as "__proto__" stays an ordinary key.
    else Object.defineProperty(params, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  if (!changed) return ok(g);
  return ok(mapNodes(g, (n) => (n.id === id ? { ...n, params } : n)));
}

/**
 * Sets a node's attribute name in its module (`conv1`); empty or undefined removes it (the
 * default name, or the index inside a Sequential, applies). Refused when invalid in Python or
 * already used by a sibling.
 */
export function renameNode(g: Graph, id: string, name: string | undefined): Result<Graph> {
  const node = findNode(g, id);
  if (!node) return err(`no node with id '${id}'`);
  const wanted = name?.trim() || undefined;
  if (wanted === node.name) return ok(g);
  if (wanted !== undefined) {
    const shared = node.shares !== undefined || node.functional === true;
    const problem = shared
      ? attributeNameProblem(wanted, kindOf(g, node.parent))
      : nameProblem(g, node.parent, wanted, id);
    if (problem) return err(`${label(node)}: ${problem}`);
  }
  return ok(mapNodes(g, (n) => (n.id === id ? compact({ ...n, name: wanted }) : n)));
}
