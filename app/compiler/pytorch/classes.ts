/**
 * The nn.Module classes of model.py, one per distinct module: a `Sequential` whose children form
 * a chain becomes an inline `nn.Sequential(...)` (OrderedDict form when its children are named);
 * a custom Module (or a Sequential that is not a plain chain) its own class with `__init__` and
 * `forward`. Classes print the project's class names (`_get_name` when the Python name differs).
 */
import { edgeValue } from '../../graph/ports';
import type { GraphNode } from '../../graph/types';
import type { ModuleEntry } from '../../modules';
import type { GraphAnalysis } from '../../shapes/types';
import { err, ok, type Result } from '../../result';
import { attrAccess, forwardBody } from './forward';
import { constructorExpr } from './layers';
import { findSlots, mergeInstances, NN_SIGNATURES, type Signatures } from './params';
import { childNameProblem, isPlainAttr, pyClassName, pyStrLiteral } from './pysyntax';
import { buildScope, type GraphIndex, type Scope } from './scope';

const IND = '    ';

export interface ClassWriter {
  /** Class definitions in dependency order. */
  classes: string[];
  /** The Python class name of the root. */
  rootClass: string;
}

interface ClassRec {
  entry: ModuleEntry;
  base: string;
  /** `__init__` body lines; a child class instance is the token \u0001index\u0001. */
  init: string[];
  /** `forward` (from its def line), or none. */
  forward: string[];
  height: number;
}

export function writeClasses(ix: GraphIndex, analysis: GraphAnalysis): Result<ClassWriter> {
  const scopeCache = new Map<ModuleEntry, Result<Scope>>();
  const scopes = (m: ModuleEntry): Result<Scope> => {
    let s = scopeCache.get(m);
    if (!s) scopeCache.set(m, (s = buildScope(ix, m)));
    return s;
  };
  const chainCache = new Map<ModuleEntry, boolean>();
  const isChain = (m: ModuleEntry): boolean => {
    const known = chainCache.get(m);
    if (known !== undefined) return known;
    const v = sequentialChain(ix, m, scopes);
    chainCache.set(m, v);
    return v;
  };
  const recs: ClassRec[] = [];

  // Pass 1: every module's text, child classes as tokens; heights (a class above all its child classes).
  const moduleExpr = (m: ModuleEntry, depth: number, height: { h: number }): Result<string> => {
    if (m.kind === 'layer') {
      const node = ix.byId.get(m.nodeId as string) as GraphNode;
      return constructorExpr(node, analysis.nodes.get(node.id)?.inferred ?? {});
    }
    if (m.kind === 'Sequential' && m.className === 'Sequential' && isChain(m)) {
      if (m.children.length === 0) return ok('nn.Sequential()');
      const pad = IND.repeat(depth + 1);
      const named = m.children.some((c, i) => c.name !== String(i));
      const parts: string[] = [];
      for (const c of m.children) {
        const problem = childNameProblem(c.name);
        if (problem) return err(`module name '${c.name}' in '${m.path}' ${problem}: rename it`);
        const e = moduleExpr(c, depth + 1, height);
        if (!e.ok) return e;
        parts.push(named ? `${pad}(${pyStrLiteral(c.name)}, ${e.value}),` : `${pad}${e.value},`);
      }
      const end = IND.repeat(depth);
      return ok(
        named
          ? `nn.Sequential(OrderedDict([\n${parts.join('\n')}\n${end}]))`
          : `nn.Sequential(\n${parts.join('\n')}\n${end})`,
      );
    }
    const r = classRec(m);
    if (!r.ok) return r;
    height.h = Math.max(height.h, recs[r.value].height + 1);
    return ok(`\u0001${r.value}\u0001`);
  };

  const classRec = (m: ModuleEntry): Result<number> => {
    const init: string[] = ['super().__init__()'];
    const height = { h: 0 };
    for (const c of m.children) {
      const problem = childNameProblem(c.name);
      if (problem) return err(`module name '${c.name}' in '${m.path || m.className}' ${problem}: rename it`);
      const e = moduleExpr(c, 2, height);
      if (!e.ok) return e;
      init.push(
        isPlainAttr(c.name) ? `self.${c.name} = ${e.value}` : `self.add_module(${pyStrLiteral(c.name)}, ${e.value})`,
      );
    }
    const forward: string[] = [];
    const s = scopes(m);
    const called = m === ix.tree.root || (s.ok && s.value.items.length > 0);
    if (called && !(m.kind === 'Sequential' && isChain(m))) {
      if (!s.ok) return s;
      const f = forwardBody(ix, s.value, scopes);
      if (!f.ok) return f;
      forward.push(
        '',
        `${IND}def forward(self, ${f.value.args.join(', ')}):`,
        ...f.value.lines.map((l) => `${IND}${IND}${l}`),
      );
    }
    recs.push({
      entry: m,
      base: m.kind === 'Sequential' ? 'nn.Sequential' : 'nn.Module',
      init,
      forward,
      height: height.h,
    });
    return ok(recs.length - 1);
  };

  const rootRec = classRec(ix.tree.root);
  if (!rootRec.ok) return rootRec;

  // Pass 2, lowest classes first: instances that differ only in numbers become one class with parameters.
  const used = new Set<string>();
  const rootClass = pyClassName(ix.tree.root.className, used);
  const sigs: Signatures = new Map(NN_SIGNATURES);
  const callText: string[] = [];
  const classes: string[] = [];
  const maxH = Math.max(...recs.map((r) => r.height));
  for (let h = 0; h <= maxH; h++) {
    const groups = new Map<string, number[]>();
    const resolved = new Map<number, string>();
    recs.forEach((r, i) => {
      if (r.height !== h) return;
      const text = r.init
        .map((l) => `${IND}${IND}${l}`)
        .join('\n')
        .replace(/\u0001(\d+)\u0001/g, (_, k: string) => callText[Number(k)]);
      resolved.set(i, text);
      const isRoot = r.entry === ix.tree.root;
      const key = [
        isRoot ? '\u0003root' : r.entry.className,
        r.base,
        findSlots(text).skeleton,
        r.forward.join('\n'),
      ].join('\u0000');
      const list = groups.get(key) ?? [];
      list.push(i);
      groups.set(key, list);
    });
    for (const members of groups.values()) {
      const r0 = recs[members[0]];
      const merged = mergeInstances(
        members.map((i) => resolved.get(i) as string),
        sigs,
      );
      const name = r0.entry === ix.tree.root ? rootClass : pyClassName(r0.entry.className, used);
      sigs.set(name, merged.params);
      const getName =
        name !== r0.entry.className
          ? `\n\n${IND}def _get_name(self):\n${IND}${IND}return ${pyStrLiteral(r0.entry.className)}`
          : '';
      const def = `${IND}def __init__(self${merged.params.map((p) => `, ${p}`).join('')}):`;
      classes.push(
        `class ${name}(${r0.base}):\n${def}\n${merged.text}${r0.forward.join('\n') ? `\n${r0.forward.join('\n')}` : ''}${getName}`,
      );
      members.forEach((i, k) => (callText[i] = `${name}(${merged.args[k].join(', ')})`));
    }
  }
  return ok({ classes, rootClass });
}

/** A Sequential whose children, in order, are called one after another on one value. */
function sequentialChain(ix: GraphIndex, m: ModuleEntry, scopes: (m: ModuleEntry) => Result<Scope>): boolean {
  const s = scopes(m);
  if (!s.ok) return false;
  const { items, inputs, outputs } = s.value;
  if (items.length === 0) return true;
  if (items.length !== m.children.length || inputs.length !== 1 || outputs.length !== 1) return false;
  let prev = inputs[0];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    let ins: string[];
    let out: string;
    if (it.kind === 'node') {
      if (ix.tree.byNode.get(it.node.id) !== m.children[i] || it.node.shares !== undefined || it.node.functional)
        return false;
      if ((ix.outKeys.get(it.node.id)?.length ?? 1) > 1) return false;
      ins = (ix.incoming.get(it.node.id) ?? []).map(edgeValue);
      out = it.node.id;
    } else {
      if (it.entry !== m.children[i]) return false;
      const cs = scopes(it.entry);
      if (!cs.ok || cs.value.outputs.length !== 1) return false;
      ins = cs.value.inputs;
      out = cs.value.outputs[0];
    }
    if (ins.length !== 1 || ins[0] !== prev) return false;
    // An intermediate value feeds only the next child (inside it, at any depth).
    if (i > 0 && ix.graph.edges.some((e) => edgeValue(e) === prev && !within(ix, e.target, it))) return false;
    prev = out;
  }
  return prev === outputs[0];
}

function within(ix: GraphIndex, id: string, it: Scope['items'][number]): boolean {
  return it.kind === 'node' ? it.node.id === id : (ix.chain.get(id) ?? []).includes(it.entry);
}

export { attrAccess };
