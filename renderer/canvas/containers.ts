import type { Graph, ModuleDef } from '../../app/graph/types';

/** Canvas id of a module (a frame when expanded, one node when collapsed). */
export const moduleNodeId = (moduleId: string): string => `m:${moduleId}`;
export const isModuleNodeId = (id: string): boolean => id.startsWith('m:');
export const moduleIdOf = (nodeId: string): string => nodeId.slice(2);

export interface ContainerView {
  modules: Map<string, ModuleDef>;
  /** Canvas id each graph node is drawn as: itself, or its outermost collapsed module. */
  owner: Map<string, string>;
  /** Modules drawn on the canvas (no collapsed ancestor), outermost first. */
  visibleModules: ModuleDef[];
  /** Every graph node inside each module, at any depth. */
  descendants: Map<string, string[]>;
  /** Direct children (nodes and modules) per module. */
  childCount: Map<string, number>;
  /** Nesting depth of each module (0 = top level). */
  depth: Map<string, number>;
}

/** How the module tree maps onto the canvas: which nodes hide inside collapsed modules. Pure. */
export function containerView(graph: Pick<Graph, 'nodes' | 'modules'>): ContainerView {
  const modules = new Map(graph.modules.map((m) => [m.id, m]));
  const chainCache = new Map<string, string[]>();
  // Modules from the outermost to this one.
  const chain = (moduleId: string | undefined): string[] => {
    if (!moduleId || !modules.has(moduleId)) return [];
    const hit = chainCache.get(moduleId);
    if (hit) return hit;
    chainCache.set(moduleId, []); // guards against a parent cycle in a damaged file
    const result = [...chain(modules.get(moduleId)?.parent), moduleId];
    chainCache.set(moduleId, result);
    return result;
  };
  const outerCollapsed = (ids: string[]): string | undefined => ids.find((id) => modules.get(id)?.collapsed);

  const owner = new Map<string, string>();
  const descendants = new Map<string, string[]>(graph.modules.map((m) => [m.id, []]));
  const childCount = new Map<string, number>(graph.modules.map((m) => [m.id, 0]));
  for (const n of graph.nodes) {
    const c = chain(n.parent);
    for (const m of c) descendants.get(m)?.push(n.id);
    const hidden = outerCollapsed(c);
    owner.set(n.id, hidden ? moduleNodeId(hidden) : n.id);
    if (n.parent && childCount.has(n.parent)) childCount.set(n.parent, (childCount.get(n.parent) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const visibleModules: ModuleDef[] = [];
  for (const m of graph.modules) {
    if (m.parent && childCount.has(m.parent)) childCount.set(m.parent, (childCount.get(m.parent) ?? 0) + 1);
    const c = chain(m.id);
    depth.set(m.id, c.length - 1);
    if (!outerCollapsed(c.slice(0, -1))) visibleModules.push(m);
  }
  visibleModules.sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0));
  return { modules, owner, visibleModules, descendants, childCount, depth };
}
