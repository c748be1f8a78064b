import type { Graph, ModuleKind } from './types';
import { attributeNameProblem, classNameProblem } from './names';

/** A file-level problem: where it is (`nodes[3].parent`) and what is wrong, with the fix. */
export interface IntegrityProblem {
  path: string;
  message: string;
}

const q = (s: string) => `'${s.length > 60 ? `${s.slice(0, 60)}…` : s}'`;

/**
 * File-level integrity of a schema-valid document: unique ids, references that resolve, a module
 * tree without cycles, attribute names valid and unique inside each module. Graph-level problems
 * (edge cycles, shapes, parameter values) are left to analyzeGraph so that the file still opens.
 * Returns the first problem, or null. Linear in the size of the document.
 */
export function checkIntegrity(g: Graph): IntegrityProblem | null {
  const ids = new Map<string, string>();
  const claim = (id: string, path: string): IntegrityProblem | null => {
    const prev = ids.get(id);
    if (prev !== undefined)
      return { path, message: `duplicate id ${q(id)} (also ${prev}): give each node, edge and module its own id` };
    ids.set(id, path);
    return null;
  };
  for (const [i, m] of g.modules.entries()) {
    const p = claim(m.id, `modules[${i}].id`);
    if (p) return p;
  }
  for (const [i, n] of g.nodes.entries()) {
    const p = claim(n.id, `nodes[${i}].id`);
    if (p) return p;
  }
  for (const [i, e] of g.edges.entries()) {
    const p = claim(e.id, `edges[${i}].id`);
    if (p) return p;
  }

  const moduleIndex = new Map(g.modules.map((m, i) => [m.id, i]));
  const nodeIndex = new Map(g.nodes.map((n, i) => [n.id, i]));
  for (const [i, m] of g.modules.entries()) {
    if (m.parent !== undefined && !moduleIndex.has(m.parent)) {
      return {
        path: `modules[${i}].parent`,
        message: `no module with id ${q(m.parent)}: fix the id or remove "parent" to put it at the top level`,
      };
    }
  }
  const cycle = findModuleCycle(g);
  if (cycle) return cycle;
  for (const [i, n] of g.nodes.entries()) {
    if (n.parent !== undefined && !moduleIndex.has(n.parent)) {
      return {
        path: `nodes[${i}].parent`,
        message: `no module with id ${q(n.parent)}: fix the id or remove "parent" to put the node at the top level`,
      };
    }
    if (n.shares !== undefined) {
      const owner = nodeIndex.get(n.shares);
      if (owner === undefined)
        return { path: `nodes[${i}].shares`, message: `no node with id ${q(n.shares)}: fix the id or remove "shares"` };
      if (owner === i) return { path: `nodes[${i}].shares`, message: 'a node cannot share itself: remove "shares"' };
      if (g.nodes[owner].shares !== undefined) {
        return {
          path: `nodes[${i}].shares`,
          message: `node ${q(n.shares)} itself shares another node: point "shares" at the node that owns the module (${q(g.nodes[owner].shares as string)})`,
        };
      }
    }
  }
  for (const [i, e] of g.edges.entries()) {
    for (const end of ['source', 'target'] as const) {
      if (!nodeIndex.has(e[end]))
        return { path: `edges[${i}].${end}`, message: `no node with id ${q(e[end])}: fix the id or remove the edge` };
    }
  }
  return checkNames(g, moduleIndex);
}

function findModuleCycle(g: Graph): IntegrityProblem | null {
  const byId = new Map(g.modules.map((m, i) => [m.id, { m, i }]));
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = reaches the root
  for (const start of g.modules) {
    const path: string[] = [];
    let cur: string | undefined = start.id;
    while (cur !== undefined && state.get(cur) !== 2) {
      if (state.get(cur) === 1) {
        const from = path.indexOf(cur);
        const names = path
          .slice(from)
          .concat(cur)
          .map((id) => byId.get(id)?.m.name ?? id);
        const at = byId.get(cur)?.i ?? 0;
        return {
          path: `modules[${at}].parent`,
          message: `modules contain each other (${names.join(' -> ')}): make one of them a top-level module by removing its "parent"`,
        };
      }
      state.set(cur, 1);
      path.push(cur);
      cur = byId.get(cur)?.m.parent;
    }
    for (const id of path) state.set(id, 2);
  }
  return null;
}

function checkNames(g: Graph, moduleIndex: Map<string, number>): IntegrityProblem | null {
  const kindOf = (parent: string | undefined): ModuleKind =>
    parent === undefined ? 'Module' : g.modules[moduleIndex.get(parent) as number].kind;
  const taken = new Map<string, string>(); // `${parent}\u0000${name}` -> path
  const use = (parent: string | undefined, name: string, path: string): IntegrityProblem | null => {
    const problem = attributeNameProblem(name, kindOf(parent));
    if (problem) return { path, message: problem };
    const key = `${parent ?? ''}\u0000${name}`;
    const prev = taken.get(key);
    if (prev !== undefined) {
      const where =
        parent === undefined
          ? 'the top-level module'
          : `module ${q(g.modules[moduleIndex.get(parent) as number].name)}`;
      return { path, message: `${q(name)} is used twice in ${where} (also ${prev}): rename one of them` };
    }
    taken.set(key, path);
    return null;
  };
  for (const [i, m] of g.modules.entries()) {
    const p = use(m.parent, m.name, `modules[${i}].name`);
    if (p) return p;
    if (m.className !== undefined) {
      const c = classNameProblem(m.className);
      if (c) return { path: `modules[${i}].className`, message: c };
    }
  }
  for (const [i, n] of g.nodes.entries()) {
    // A call of an already registered module (shares) or a functional call is not registered again.
    if (n.name === undefined) continue;
    const p =
      n.shares !== undefined || n.functional
        ? nameOnly(n.name, kindOf(n.parent), `nodes[${i}].name`)
        : use(n.parent, n.name, `nodes[${i}].name`);
    if (p) return p;
  }
  return null;
}

function nameOnly(name: string, kind: ModuleKind, path: string): IntegrityProblem | null {
  const problem = attributeNameProblem(name, kind);
  return problem ? { path, message: problem } : null;
}
