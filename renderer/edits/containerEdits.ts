import type { Graph, ModuleKind } from '../../app/graph/types';
import { err, ok, type Result } from '../../app/result';
import { attributeNameProblem } from '../../app/graph/names';
import { freshIdFactory } from './ids';

const parentKind = (g: Graph, parent: string | undefined): ModuleKind =>
  (parent ? g.modules.find((m) => m.id === parent)?.kind : undefined) ?? 'Module';

/** Group nodes and containers that share one parent into a new Sequential or Module. */
export function group(g: Graph, nodeIds: string[], moduleIds: string[], kind: ModuleKind, name: string, className?: string): Result<{ graph: Graph; id: string }> {
  if (nodeIds.length + moduleIds.length === 0) return err('select the layers to group first');
  const parents = new Set<string | undefined>([
    ...g.nodes.filter((n) => nodeIds.includes(n.id)).map((n) => n.parent),
    ...g.modules.filter((m) => moduleIds.includes(m.id)).map((m) => m.parent),
  ]);
  if (parents.size !== 1) return err('the selected layers sit in different containers: select layers of one container');
  const parent = [...parents][0];
  const problem = attributeNameProblem(name, parentKind(g, parent));
  if (problem) return err(`container name: ${problem}`);
  if (g.modules.some((m) => m.parent === parent && m.name === name) || g.nodes.some((n) => n.parent === parent && n.name === name))
    return err(`the name ${name} is taken in this container: choose another`);
  if (className !== undefined && className !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(className))
    return err(`class name ${JSON.stringify(className)} is not a Python identifier`);
  const id = freshIdFactory(g)(name || kind);
  const nodeSet = new Set(nodeIds), modSet = new Set(moduleIds);
  const graph: Graph = {
    ...g,
    nodes: g.nodes.map((n) => (nodeSet.has(n.id) ? { ...n, parent: id } : n)),
    modules: [
      ...g.modules.map((m) => (modSet.has(m.id) ? { ...m, parent: id } : m)),
      { id, name, kind, ...(className ? { className } : {}), ...(parent ? { parent } : {}) },
    ],
  };
  return ok({ graph, id });
}

/** Dissolve a container: its children move up to its parent. */
export function ungroup(g: Graph, moduleId: string): Result<Graph> {
  const m = g.modules.find((x) => x.id === moduleId);
  if (!m) return err('select a container to ungroup');
  const up = <T extends { parent?: string }>(x: T): T => {
    if (x.parent !== moduleId) return x;
    const { parent: _drop, ...rest } = x;
    return (m.parent ? { ...rest, parent: m.parent } : rest) as T;
  };
  return ok({ ...g, nodes: g.nodes.map(up), modules: g.modules.filter((x) => x.id !== moduleId).map(up) });
}

export function setCollapsed(g: Graph, moduleId: string, collapsed: boolean): Graph {
  return { ...g, modules: g.modules.map((m) => (m.id === moduleId ? { ...m, collapsed: collapsed || undefined } : m)) };
}

export function renameModule(g: Graph, moduleId: string, name: string): Result<Graph> {
  const m = g.modules.find((x) => x.id === moduleId);
  if (!m) return err('that container no longer exists');
  const problem = attributeNameProblem(name, parentKind(g, m.parent));
  if (problem) return err(`container name: ${problem}`);
  return ok({ ...g, modules: g.modules.map((x) => (x.id === moduleId ? { ...x, name } : x)) });
}
