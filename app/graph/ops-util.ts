import type { Graph, GraphNode, ModuleDef, ModuleKind } from './types';
import { attributeNameProblem, isIndexName } from './names';

/** How a node is shown in messages: `Conv2d 'conv1'` (its name, else its id). */
export function label(n: GraphNode): string {
  return `${n.type} '${n.name ?? n.id}'`;
}

export function findNode(g: Graph, id: string): GraphNode | undefined {
  return g.nodes.find((n) => n.id === id);
}

export function findModule(g: Graph, id: string): ModuleDef | undefined {
  return g.modules.find((m) => m.id === id);
}

export function kindOf(g: Graph, parent: string | undefined): ModuleKind {
  return parent === undefined ? 'Module' : (findModule(g, parent)?.kind ?? 'Module');
}

/** Replaces the nodes that `f` changes (returns the same object when nothing changed). */
export function mapNodes(g: Graph, f: (n: GraphNode) => GraphNode): Graph {
  let changed = false;
  const nodes = g.nodes.map((n) => {
    const m = f(n);
    if (m !== n) changed = true;
    return m;
  });
  return changed ? { ...g, nodes } : g;
}

export function mapModules(g: Graph, f: (m: ModuleDef) => ModuleDef): Graph {
  let changed = false;
  const modules = g.modules.map((m) => {
    const x = f(m);
    if (x !== m) changed = true;
    return x;
  });
  return changed ? { ...g, modules } : g;
}

/** Copy of `o` without the keys whose value is undefined (the document never holds undefined fields). */
export function compact<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Ids of `moduleId` and every module nested in it (linear in the number of modules). */
export function moduleAndDescendants(g: Graph, moduleId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const m of g.modules) {
    if (m.parent === undefined) continue;
    const list = children.get(m.parent);
    if (list) list.push(m.id);
    else children.set(m.parent, [m.id]);
  }
  const set = new Set([moduleId]);
  const stack = [moduleId];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop() as string) ?? []) {
      if (!set.has(c)) {
        set.add(c);
        stack.push(c);
      }
    }
  }
  return set;
}

/** The attribute names used explicitly by the children of `parent` (registered nodes and modules), minus `except`. */
export function siblingNames(g: Graph, parent: string | undefined, except?: string): Set<string> {
  const s = new Set<string>();
  for (const n of g.nodes)
    if (n.parent === parent && n.id !== except && n.name !== undefined && !n.shares && !n.functional) s.add(n.name);
  for (const m of g.modules) if (m.parent === parent && m.id !== except) s.add(m.name);
  return s;
}

/** Why `name` cannot name a child of `parent` (invalid or already used), or null. */
export function nameProblem(g: Graph, parent: string | undefined, name: string, except?: string): string | null {
  const invalid = attributeNameProblem(name, kindOf(g, parent));
  if (invalid) return invalid;
  if (siblingNames(g, parent, except).has(name)) {
    const where = parent === undefined ? 'the top-level module' : `module '${findModule(g, parent)?.name ?? parent}'`;
    return `'${name}' is already used in ${where}: choose another name`;
  }
  return null;
}

/** A valid name unique among `taken` for a child of a container of this kind, derived from `wanted`. */
export function freeName(wanted: string, kind: ModuleKind, taken: Set<string>): string {
  if (kind === 'Sequential' && isIndexName(wanted)) {
    let i = Number(wanted);
    while (taken.has(String(i))) i++;
    return String(i);
  }
  let base = attributeNameProblem(wanted, kind) === null ? wanted : `block_${wanted.replace(/[^A-Za-z0-9_]/g, '_')}`;
  if (attributeNameProblem(base, kind) !== null) base = 'block';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}
