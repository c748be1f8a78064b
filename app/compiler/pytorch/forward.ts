/**
 * The body of `forward` for one module: one statement per direct item (a layer call, a functional
 * op, a child container's call), values named `x` while a chain runs and by their node otherwise.
 */
import { edgeValue, splitValueKey } from '../../graph/ports';
import type { GraphNode } from '../../graph/types';
import { getLayer } from '../../layers/registry';
import type { ModuleEntry } from '../../modules';
import { err, ok, type Result } from '../../result';
import { functionalExpr } from './layers';
import { childNameProblem, isPlainAttr, isPyIdentifier, pyStrLiteral, RESERVED_TOP } from './pysyntax';
import type { GraphIndex, Item, Scope } from './scope';

/** `base.name`, or `getattr(base, 'name')` when the name is not a plain identifier. */
export function attrAccess(base: string, name: string): string {
  return isPlainAttr(name) ? `${base}.${name}` : `getattr(${base}, ${pyStrLiteral(name)})`;
}

/** `self.a.b` for a module below `from` (dotted tree paths). */
function pathAccess(from: ModuleEntry, to: ModuleEntry): Result<string> {
  const prefix = from.path ? `${from.path}.` : '';
  if (!to.path.startsWith(prefix)) return err(`outside`);
  let rel = to.path.slice(prefix.length);
  let expr = 'self';
  // Walk the tree to split the path at real child names (names never contain '.', see childNameProblem).
  let cur = from;
  while (rel.length > 0) {
    const child = cur.children.find((c) => rel === c.name || rel.startsWith(`${c.name}.`));
    if (!child) return err('not found');
    expr = attrAccess(expr, child.name);
    rel = rel.slice(child.name.length + 1);
    cur = child;
  }
  return ok(expr);
}

export function forwardArgs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'x' : `x${i}`));
}

const valueBase = (node: GraphNode): string => {
  if (node.name && isPlainAttr(node.name) && !childNameProblem(node.name)) return node.name;
  const t = node.type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return node.type === 'Concat' ? 'cat' : isPyIdentifier(t) ? t : 'out';
};

/** The lines of `def forward(self, ...)` (without the def line). */
export function forwardBody(
  ix: GraphIndex,
  scope: Scope,
  scopes: (m: ModuleEntry) => Result<Scope>,
): Result<{ args: string[]; lines: string[] }> {
  const m = scope.entry;
  // Several inputs all joined by one torch.cat (DenseNet's layers): `forward(self, *inputs)`, so that
  // instances called with different numbers of inputs share one class.
  const catAll = scope.inputs.length >= 1 ? variadicCat(ix, scope) : undefined;
  const args = catAll ? ['*inputs'] : forwardArgs(scope.inputs.length);
  const names = new Map<string, string>();
  scope.inputs.forEach((id, i) => names.set(id, catAll ? `inputs[${i}]` : args[i]));
  const taken = new Set<string>(['self', 'x', ...args, ...RESERVED_TOP]);
  const fresh = (base: string): string => {
    let n = base;
    for (let i = 2; taken.has(n); i++) n = `${base}_${i}`;
    taken.add(n);
    return n;
  };
  // Inputs and outputs of each item, then the last item reading each value.
  const io: { item: Item; ins: string[]; outs: string[] }[] = [];
  for (const item of scope.items) {
    if (item.kind === 'node')
      io.push({
        item,
        ins: (ix.incoming.get(item.node.id) ?? []).map(edgeValue),
        outs: ix.outKeys.get(item.node.id) ?? [item.node.id],
      });
    else {
      const s = scopes(item.entry);
      if (!s.ok) return s;
      io.push({ item, ins: s.value.inputs, outs: s.value.outputs });
    }
  }
  const lastUse = new Map<string, number>();
  io.forEach((r, i) => r.ins.forEach((v) => lastUse.set(v, i)));
  for (const v of scope.outputs) lastUse.set(v, Infinity);
  let xHolder: string | undefined = catAll ? undefined : scope.inputs[0];
  const lines: string[] = [];
  for (let i = 0; i < io.length; i++) {
    const { item, ins, outs } = io[i];
    const inVars = ins.map((v) => names.get(v) as string);
    let call: string;
    if (item.kind === 'module') {
      const a = attrAccess('self', item.entry.name);
      call = `${a}(${inVars.join(', ')})`;
    } else if (item.node.id === catAll) {
      const r = nodeCall(ix, m, item.node, ['inputs']);
      if (!r.ok) return r;
      call = r.value.replace('torch.cat([inputs]', 'torch.cat(inputs');
    } else {
      const r = nodeCall(ix, m, item.node, inVars);
      if (!r.ok) return r;
      call = r.value;
    }
    const xFree = xHolder === undefined || (lastUse.get(xHolder) ?? -1) <= i;
    let targets: string[];
    if (outs.length === 1 && xFree) {
      targets = ['x'];
      xHolder = outs[0];
    } else {
      targets = outs.map((o) =>
        fresh(
          item.kind === 'node'
            ? valueBase(ix.byId.get(splitValueKey(o).node) as GraphNode)
            : isPlainAttr(item.entry.name)
              ? item.entry.name
              : 'out',
        ),
      );
    }
    outs.forEach((o, k) => names.set(o, targets[k]));
    if (!(targets.length === 1 && targets[0] === call)) lines.push(`${targets.join(', ')} = ${call}`);
  }
  const ret = scope.outputs.map((o) => names.get(o) as string);
  lines.push(`return ${ret.join(', ')}`);
  return ok({ args, lines });
}

function nodeCall(ix: GraphIndex, m: ModuleEntry, node: GraphNode, inVars: string[]): Result<string> {
  const spec = getLayer(node.type);
  const owner = node.shares !== undefined ? ix.tree.byNode.get(node.shares) : ix.tree.byNode.get(node.id);
  const isModuleCall = !node.functional && spec?.isModule === true && owner !== undefined;
  if (!isModuleCall) return functionalExpr(node, inVars);
  const access = pathAccess(m, owner);
  if (!access.ok)
    return err(
      `node '${node.id}' calls module '${owner.path}' again, but that module is not inside '${m.path || m.className}': ` +
        `move the node, or give it its own module`,
    );
  const inplace =
    (node.params as Record<string, unknown>)?.inplace === true ||
    (ix.byId.get(node.shares ?? '')?.params as Record<string, unknown>)?.inplace === true;
  const arg =
    inplace && (ix.uses.get(ix.incoming.get(node.id)?.[0]?.source ?? '') ?? 0) > 1 ? `${inVars[0]}.clone()` : inVars[0];
  return ok(`${access.value}(${[arg, ...inVars.slice(1)].join(', ')})`);
}

/** The Concat node that alone reads every input of the scope, in order (and nothing else reads them). */
function variadicCat(ix: GraphIndex, scope: Scope): string | undefined {
  const inputs = new Set(scope.inputs);
  const readers = scope.items.filter((it) =>
    it.kind === 'node' ? (ix.incoming.get(it.node.id) ?? []).some((e) => inputs.has(edgeValue(e))) : true,
  );
  if (
    readers.length !== 1 ||
    readers[0].kind !== 'node' ||
    readers[0].node.type !== 'Concat' ||
    readers[0].node.functional !== true
  )
    return undefined;
  const srcs = (ix.incoming.get(readers[0].node.id) ?? []).map(edgeValue);
  return srcs.length === scope.inputs.length && srcs.every((x, i) => x === scope.inputs[i])
    ? readers[0].node.id
    : undefined;
}
