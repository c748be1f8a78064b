import { err, ok, type Result } from '../result';
import { allocator, idPrefix, type IdSource } from './ids';
import { attributeNameProblem, classNameProblem } from './names';
import {
  compact,
  findModule,
  freeName,
  kindOf,
  mapModules,
  moduleAndDescendants,
  nameProblem,
  siblingNames,
} from './ops-util';
import type { Graph, GraphNode, ModuleDef, ModuleKind } from './types';

export interface GroupOptions {
  kind: ModuleKind;
  /** Attribute name in the parent module (`features`, `layer1`, or an index inside a Sequential). */
  name: string;
  /** Class name for a custom Module (`BasicBlock`); default derived from the name. */
  className?: string;
}

/** A free container name for a new group inside `parent`: the next index in a Sequential, else `block`, `block_2`, ... */
export function suggestModuleName(g: Graph, parent?: string): string {
  const kind = kindOf(g, parent);
  return freeName(kind === 'Sequential' ? '0' : 'block', kind, siblingNames(g, parent));
}

/**
 * Child names that do not fit their new container (an index moved into a Module, a clash):
 * nodes lose the name (their default applies), modules get a free one.
 */
function fitNames(g: Graph, nodeIds: Set<string>, moduleIds: Set<string>, parent: string | undefined): Graph {
  const kind = kindOf(g, parent);
  const taken = siblingNames(
    { ...g, nodes: g.nodes.filter((n) => !nodeIds.has(n.id)), modules: g.modules.filter((m) => !moduleIds.has(m.id)) },
    parent,
  );
  const nodes = g.nodes.map((n): GraphNode => {
    if (!nodeIds.has(n.id) || n.name === undefined) return n;
    const registered = !n.shares && !n.functional;
    if (attributeNameProblem(n.name, kind) === null && !(registered && taken.has(n.name))) {
      if (registered) taken.add(n.name);
      return n;
    }
    const { name: _, ...rest } = n;
    return rest;
  });
  const modules = g.modules.map((m): ModuleDef => {
    if (!moduleIds.has(m.id)) return m;
    const name =
      attributeNameProblem(m.name, kind) === null && !taken.has(m.name) ? m.name : freeName(m.name, kind, taken);
    taken.add(name);
    return name === m.name ? m : { ...m, name };
  });
  return { ...g, nodes, modules };
}

/**
 * Puts nodes (and containers, by module id) into a new container. All must have the same parent,
 * which becomes the new container's parent, so grouping nests. Returns the new module's id.
 */
export function group(
  g: Graph,
  ids: readonly string[],
  options: GroupOptions,
  idSource?: IdSource,
): Result<{ graph: Graph; id: string }> {
  if (ids.length === 0) return err('select the layers to group first');
  const nodeIds = new Set<string>();
  const moduleIds = new Set<string>();
  const parents = new Set<string | undefined>();
  for (const id of ids) {
    const n = g.nodes.find((x) => x.id === id);
    const m = n ? undefined : findModule(g, id);
    if (!n && !m) return err(`no node or module with id '${id}'`);
    if (n) nodeIds.add(id);
    else moduleIds.add(id);
    parents.add(n ? n.parent : (m as ModuleDef).parent);
  }
  if (parents.size > 1)
    return err('the selection spans several modules: select layers that sit in the same module, or ungroup first');
  const parent = [...parents][0];
  const name = options.name.trim();
  const problem = nameProblem(g, parent, name);
  if (problem) return err(`group name: ${problem}`);
  if (options.className !== undefined && options.className !== '') {
    const c = classNameProblem(options.className);
    if (c) return err(`class name: ${c}`);
  }
  const id = allocator(g, idSource).next(`m_${idPrefix(name)}`);
  const def: ModuleDef = compact({ id, name, kind: options.kind, className: options.className || undefined, parent });
  const moved: Graph = {
    ...g,
    nodes: g.nodes.map((n) => (nodeIds.has(n.id) ? { ...n, parent: id } : n)),
    modules: [...g.modules.map((m) => (moduleIds.has(m.id) ? { ...m, parent: id } : m)), def],
  };
  return ok({ graph: fitNames(moved, nodeIds, moduleIds, id), id });
}

/** Dissolves a container: its children move to its parent (names that would clash are adjusted). */
export function ungroup(g: Graph, moduleId: string): Result<Graph> {
  const m = findModule(g, moduleId);
  if (!m) return err(`no module with id '${moduleId}'`);
  const nodeIds = new Set(g.nodes.filter((n) => n.parent === moduleId).map((n) => n.id));
  const moduleIds = new Set(g.modules.filter((x) => x.parent === moduleId).map((x) => x.id));
  const reparent = <T extends { parent?: string }>(x: T): T => compact({ ...x, parent: m.parent });
  const moved: Graph = {
    ...g,
    nodes: g.nodes.map((n) => (nodeIds.has(n.id) ? reparent(n) : n)),
    modules: g.modules.filter((x) => x.id !== moduleId).map((x) => (moduleIds.has(x.id) ? reparent(x) : x)),
  };
  return ok(fitNames(moved, nodeIds, moduleIds, m.parent));
}

/** Renames a container (its attribute name in the parent module). */
export function renameModule(g: Graph, moduleId: string, name: string): Result<Graph> {
  const m = findModule(g, moduleId);
  if (!m) return err(`no module with id '${moduleId}'`);
  const wanted = name.trim();
  if (wanted === m.name) return ok(g);
  const problem = nameProblem(g, m.parent, wanted, moduleId);
  if (problem) return err(`module '${m.name}': ${problem}`);
  return ok(mapModules(g, (x) => (x.id === moduleId ? { ...x, name: wanted } : x)));
}

/** Sets or clears (undefined or '') a container's class name (`BasicBlock`). */
export function setModuleClass(g: Graph, moduleId: string, className: string | undefined): Result<Graph> {
  const m = findModule(g, moduleId);
  if (!m) return err(`no module with id '${moduleId}'`);
  const wanted = className?.trim() || undefined;
  if (wanted === m.className) return ok(g);
  if (wanted !== undefined) {
    const c = classNameProblem(wanted);
    if (c) return err(`module '${m.name}' class name: ${c}`);
  }
  return ok(mapModules(g, (x) => (x.id === moduleId ? compact({ ...x, className: wanted }) : x)));
}

/** Collapses a container to one node on the canvas, or expands it (UI state, saved in the file). */
export function setCollapsed(g: Graph, moduleId: string, collapsed: boolean): Result<Graph> {
  const m = findModule(g, moduleId);
  if (!m) return err(`no module with id '${moduleId}'`);
  if ((m.collapsed ?? false) === collapsed) return ok(g);
  return ok(mapModules(g, (x) => (x.id === moduleId ? compact({ ...x, collapsed: collapsed || undefined }) : x)));
}

/** Every node inside the container or its nested containers. */
export function moduleNodeIds(g: Graph, moduleId: string): string[] {
  const inside = moduleAndDescendants(g, moduleId);
  return g.nodes.filter((n) => n.parent !== undefined && inside.has(n.parent)).map((n) => n.id);
}
