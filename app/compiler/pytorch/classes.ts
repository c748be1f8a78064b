/**
 * The nn.Module classes of model.py, one per distinct module: a `Sequential` whose children form
 * a chain becomes an inline `nn.Sequential(...)` (OrderedDict form when its children are named);
 * a custom Module (or a Sequential that is not a plain chain) its own class with `__init__` and
 * `forward`. Classes print the project's class names (`_get_name` when the Python name differs).
 */
import type { GraphNode } from '../../graph/types';
import type { ModuleEntry } from '../../modules';
import type { GraphAnalysis } from '../../shapes/types';
import { err, ok, type Result } from '../../result';
import { attrAccess, forwardBody } from './forward';
import { constructorExpr } from './layers';
import { childNameProblem, isPyIdentifier, pyClassName, pyStrLiteral } from './pysyntax';
import { buildScope, type GraphIndex, type Scope } from './scope';

const IND = '    ';

export interface ClassWriter {
  /** Class definitions in dependency order. */
  classes: string[];
  /** The Python class name of the root. */
  rootClass: string;
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
  const used = new Set<string>();
  const rootClass = pyClassName(ix.tree.root.className, used);
  const classes: string[] = [];
  const byBody = new Map<string, string>();

  const moduleExpr = (m: ModuleEntry, depth: number): Result<string> => {
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
        const e = moduleExpr(c, depth + 1);
        if (!e.ok) return e;
        parts.push(named ? `${pad}(${pyStrLiteral(c.name)}, ${e.value}),` : `${pad}${e.value},`);
      }
      const end = IND.repeat(depth);
      return ok(named ? `nn.Sequential(OrderedDict([\n${parts.join('\n')}\n${end}]))` : `nn.Sequential(\n${parts.join('\n')}\n${end})`);
    }
    const cls = classFor(m);
    return cls.ok ? ok(`${cls.value}()`) : cls;
  };

  const classFor = (m: ModuleEntry): Result<string> => {
    const init: string[] = ['super().__init__()'];
    for (const c of m.children) {
      const problem = childNameProblem(c.name);
      if (problem) return err(`module name '${c.name}' in '${m.path || m.className}' ${problem}: rename it`);
      const e = moduleExpr(c, 2);
      if (!e.ok) return e;
      init.push(isPyIdentifier(c.name) ? `self.${c.name} = ${e.value}` : `self.add_module(${pyStrLiteral(c.name)}, ${e.value})`);
    }
    const base = m.kind === 'Sequential' ? 'nn.Sequential' : 'nn.Module';
    const body: string[] = [`${IND}def __init__(self):`, ...init.map((l) => `${IND}${IND}${l}`)];
    const called = m === ix.tree.root || (scopes(m).ok && (scopes(m) as { value: Scope }).value.items.length > 0);
    if (called && !(m.kind === 'Sequential' && isChain(m))) {
      const s = scopes(m);
      if (!s.ok) return s;
      const f = forwardBody(ix, s.value, scopes);
      if (!f.ok) return f;
      body.push('', `${IND}def forward(self, ${f.value.args.join(', ')}):`, ...f.value.lines.map((l) => `${IND}${IND}${l}`));
    }
    const text = body.join('\n');
    const key = `${m.className}\u0000${base}\u0000${text}`;
    const seen = byBody.get(key);
    if (seen) return ok(seen);
    const name = m === ix.tree.root ? rootClass : pyClassName(m.className, used);
    const getName = name !== m.className ? `\n\n${IND}def _get_name(self):\n${IND}${IND}return ${pyStrLiteral(m.className)}` : '';
    classes.push(`class ${name}(${base}):\n${text}${getName}`);
    byBody.set(key, name);
    return ok(name);
  };

  const root = classFor(ix.tree.root);
  if (!root.ok) return root;
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
      if (ix.tree.byNode.get(it.node.id) !== m.children[i] || it.node.shares !== undefined || it.node.functional) return false;
      ins = (ix.incoming.get(it.node.id) ?? []).map((e) => e.source);
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
    if (i > 0 && ix.graph.edges.some((e) => e.source === prev && !within(ix, e.target, it))) return false;
    prev = out;
  }
  return prev === outputs[0];
}

function within(ix: GraphIndex, id: string, it: Scope['items'][number]): boolean {
  return it.kind === 'node' ? it.node.id === id : (ix.chain.get(id) ?? []).includes(it.entry);
}

export { attrAccess };
