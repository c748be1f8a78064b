/**
 * Rebuilds the module tree (containers, attribute names, shared modules) of an imported graph
 * from where each node came from: the module path in a parameter's name (`layer1.0.conv1.weight`)
 * or the torch.onnx scope of its operator (`/layer1/layer1.0/relu/Relu`), which torch.onnx and
 * Netloom's own ONNX export write alike; Netloom's exports also declare named_modules() (kinds,
 * class names, registration order), which makes the round trip exact.
 *
 * Without a declaration the tree is inferred: a container whose children are all indices is a
 * `Sequential`, any other a custom `Module`; a scope that only holds one layer's operators is that
 * layer's module; torch.onnx's second call of a module (`relu_1`) is a shared call of `relu`.
 * Anything that does not give a valid graph with the same parameters leaves the graph flat, with a
 * note; the import itself never fails here.
 */
import type { Graph, GraphNode, ModuleDef } from '../graph/types';
import { getLayer } from '../layers/registry';
import { buildModuleTree, children as childrenOf, containerClassName } from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { layoutTopDown } from '../templates/layout';

export interface NodeOrigin {
  /** Module path segments of the operator's scope, normalized (`['layer1', '0', 'relu']`). */
  scope?: string[];
  /** The module path a parameter name gives (`layer1.0.conv1`). */
  paramPath?: string;
}

export interface DeclaredModule {
  path: string;
  kind: 'Sequential' | 'Module' | 'layer';
  className: string;
  collapsed?: boolean;
}

/** torch.onnx's scope of a node name (`/layer1/layer1.0/conv1/Conv` -> `['layer1', '0', 'conv1']`); undefined for other names. */
export function scopeOfNodeName(name: string | undefined): string[] | undefined {
  if (!name || !name.startsWith('/')) return undefined;
  const raw = name.split('/').slice(1, -1);
  if (raw.some((s) => s === '')) return undefined;
  const out: string[] = [];
  raw.forEach((seg, i) => {
    const prev = raw[i - 1];
    out.push(
      prev !== undefined && seg.startsWith(`${prev}.`) && /^\d+$/.test(seg.slice(prev.length + 1))
        ? seg.slice(prev.length + 1)
        : seg,
    );
  });
  return out.every((s) => /^[A-Za-z_0-9][A-Za-z0-9_-]*$/.test(s)) ? out : undefined;
}

/** The module path of a parameter or buffer name (`features.0.weight` -> `features.0`). */
export function modulePathOfParam(name: string | undefined): string | undefined {
  const m = name ? /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\.(weight|bias|running_mean|running_var)$/.exec(name) : null;
  return m && !name?.startsWith('onnx::') ? m[1] : undefined;
}

/** Parses the `netloom.modules` declaration; undefined when absent or malformed. */
export function parseDeclaredModules(text: unknown): DeclaredModule[] | undefined {
  let v: unknown = text;
  if (typeof text === 'string') {
    try {
      v = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(v)) return undefined;
  const out: DeclaredModule[] = [];
  for (const e of v) {
    if (e === null || typeof e !== 'object') return undefined;
    const { path, kind, className, collapsed } = e as Record<string, unknown>;
    if (
      typeof path !== 'string' ||
      typeof className !== 'string' ||
      (kind !== 'Sequential' && kind !== 'Module' && kind !== 'layer')
    )
      return undefined;
    out.push({ path, kind, className, ...(collapsed === true ? { collapsed: true } : {}) });
  }
  return out;
}

/** A class name for an undeclared container from its attribute name: `denselayer3` -> `Denselayer`, `0` -> `Block`. */
function classNameFor(name: string): string {
  const base = name.replace(/_?\d+$/, '');
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(base)
    ? base.replace(/(^|_+)([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase())
    : 'Block';
}

interface Placement {
  /** Container path ('' = root). */
  container: string;
  /** Attribute name when the node is its own registered module. */
  leaf?: string;
  /** Node id of the module this node calls again. */
  shares?: string;
}

export interface RestoredModules {
  graph: Graph;
  /** Node ids that call another node's module again (their imported weights are the owner's). */
  sharers: Set<string>;
  note?: string;
}

/** The graph with its module tree rebuilt; the input graph unchanged (and a note) when that fails. */
export function restoreModules(
  flat: Graph,
  origins: Map<string, NodeOrigin>,
  declared?: DeclaredModule[],
): RestoredModules {
  const unchanged = (note?: string): RestoredModules => ({
    graph: flat,
    sharers: new Set(),
    ...(note ? { note } : {}),
  });
  try {
    return restore(flat, origins, declared) ?? unchanged();
  } catch (e) {
    return unchanged(
      `the module tree could not be rebuilt (${e instanceof Error ? e.message : String(e)}); the network is imported flat`,
    );
  }
}

function restore(
  flat: Graph,
  origins: Map<string, NodeOrigin>,
  declared?: DeclaredModule[],
): RestoredModules | undefined {
  const decl = declared ? new Map(declared.map((d) => [d.path, d])) : undefined;
  const isModuleKind = (n: GraphNode) => getLayer(n.type)?.isModule === true;
  const hasState = (n: GraphNode) => {
    const spec = getLayer(n.type);
    const parsed = spec?.schema.safeParse(n.params);
    if (!spec || !parsed?.success) return false;
    return spec.parameters([], parsed.data).length + spec.buffers([], parsed.data).length > 0;
  };
  // A path some node's operators sit inside (so it is a container, not a layer's own module).
  const containers = new Set<string>();
  const addPrefixes = (segs: string[], upTo: number) => {
    for (let i = 1; i <= upTo; i++) containers.add(segs.slice(0, i).join('.'));
  };
  for (const n of flat.nodes) {
    const o = origins.get(n.id);
    if (o?.paramPath) {
      const s = o.paramPath.split('.');
      addPrefixes(s, s.length - 1);
    } else if (o?.scope) addPrefixes(o.scope, isModuleKind(n) ? o.scope.length - 1 : o.scope.length);
  }
  if (decl) for (const d of declared ?? []) if (d.kind !== 'layer' && d.path) containers.add(d.path);
  // Where each node goes.
  const place = new Map<string, Placement>();
  const leafOwner = new Map<string, GraphNode>();
  let any = false;
  for (const n of flat.nodes) {
    if (n.type === 'Input') continue;
    const o = origins.get(n.id);
    const segs = o?.paramPath ? o.paramPath.split('.') : o?.scope;
    if (!segs) {
      place.set(n.id, { container: '' });
      continue;
    }
    any = true;
    const full = segs.join('.');
    const parentPath = segs.slice(0, -1).join('.');
    const asLayer =
      isModuleKind(n) &&
      segs.length > 0 &&
      !containers.has(full) &&
      (!decl || decl.get(full)?.kind === 'layer' || sharedBase(full, n, decl) !== undefined);
    if (!asLayer) {
      place.set(n.id, { container: full });
      continue;
    }
    const owner = leafOwner.get(full);
    if (owner) {
      place.set(
        n.id,
        owner.type === n.type && JSON.stringify(owner.params) === JSON.stringify(n.params)
          ? { container: parentPath, shares: owner.id }
          : { container: parentPath },
      );
      continue;
    }
    leafOwner.set(full, n);
    place.set(n.id, { container: parentPath, leaf: segs[segs.length - 1] });
  }
  if (!any) return undefined;
  // torch.onnx's later calls of a module are `name_1`, `name_2`: calls of `name` when that is the same parameterless layer.
  for (const n of flat.nodes) {
    const p = place.get(n.id);
    if (!p?.leaf || hasState(n)) continue;
    const full = p.container ? `${p.container}.${p.leaf}` : p.leaf;
    const base = sharedBase(full, n, decl);
    const owner = base !== undefined ? leafOwner.get(base) : undefined;
    if (
      owner &&
      owner.id !== n.id &&
      owner.type === n.type &&
      JSON.stringify(owner.params) === JSON.stringify(n.params) &&
      (!decl || decl.get(full) === undefined)
    ) {
      place.set(n.id, { container: p.container, shares: owner.id });
      leafOwner.delete(full);
    }
  }
  // Containers: every container path used, with its ancestors.
  const used = new Set<string>();
  for (const p of place.values()) {
    const segs = p.container ? p.container.split('.') : [];
    for (let i = 1; i <= segs.length; i++) used.add(segs.slice(0, i).join('.'));
  }
  const childNames = new Map<string, string[]>();
  const addChild = (container: string, name: string) =>
    childNames.set(container, [...(childNames.get(container) ?? []), name]);
  for (const path of used)
    addChild(path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '', path.slice(path.lastIndexOf('.') + 1));
  for (const p of place.values()) if (p.leaf) addChild(p.container, p.leaf);
  const big = flat.nodes.length > 40;
  const ids = new Map<string, string>();
  const modules: ModuleDef[] = [];
  // named_modules() order: declared, else first use in document order (ancestors first).
  const rank = new Map((declared ?? []).map((d, i) => [d.path, i]));
  const firstUse = new Map<string, number>();
  for (const n of flat.nodes) {
    const c = place.get(n.id)?.container;
    const segs = c ? c.split('.') : [];
    for (let i = 1; i <= segs.length; i++) {
      const p = segs.slice(0, i).join('.');
      if (!firstUse.has(p)) firstUse.set(p, firstUse.size);
    }
  }
  const ordered = [...used].sort(
    (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (firstUse.get(a) ?? 0) - (firstUse.get(b) ?? 0),
  );
  const taken = new Set(flat.nodes.map((n) => n.id));
  for (const path of ordered) {
    const name = path.slice(path.lastIndexOf('.') + 1);
    const d = decl?.get(path);
    const kids = childNames.get(path) ?? [];
    const kind =
      d && d.kind !== 'layer'
        ? d.kind
        : kids.length > 0 && kids.every((k) => /^\d+$/.test(k))
          ? 'Sequential'
          : 'Module';
    const className =
      d && d.kind !== 'layer'
        ? d.className === containerClassName({ id: '', name, kind })
          ? undefined
          : d.className
        : kind === 'Sequential'
          ? undefined
          : classNameFor(name);
    // Readable and unique (`layer1.0` and `layer1_0` must not meet in `m_layer1_0`).
    const base = `m_${path.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
    taken.add(id);
    ids.set(path, id);
    const parent = path.includes('.') ? ids.get(path.slice(0, path.lastIndexOf('.'))) : undefined;
    const def: ModuleDef = { id, name, kind, ...(className ? { className } : {}), ...(parent ? { parent } : {}) };
    if (d ? d.collapsed : big) def.collapsed = true;
    modules.push(def);
  }
  const sharers = new Set<string>();
  let nodes: GraphNode[] = flat.nodes.map((n) => {
    const p = place.get(n.id);
    if (!p) return { ...n };
    const out: GraphNode = { ...n };
    delete out.parent;
    delete out.name;
    delete out.shares;
    delete out.functional;
    const parent = p.container ? ids.get(p.container) : undefined;
    if (parent) out.parent = parent;
    if (p.shares) {
      out.shares = p.shares;
      sharers.add(n.id);
    } else if (p.leaf !== undefined) out.name = p.leaf;
    else if (isModuleKind(n) && !hasState(n)) out.functional = true;
    return out;
  });
  if (decl) nodes = declaredOrder(nodes, place, declared ?? []);
  const graph: Graph = { ...flat, nodes, modules };
  clearDefaultNames(graph);
  const before = analyzeGraph(flat);
  const after = analyzeGraph(graph);
  // The flat graph's own errors (a placeholder of import --partial) are no fault of the tree.
  if (after.errors.length > before.errors.length || after.totalParams !== before.totalParams) {
    return {
      graph: flat,
      sharers: new Set(),
      note: `the module tree in the file did not give a valid network (${after.errors[0]?.message ?? 'the parameter count changed'}); the network is imported flat`,
    };
  }
  const positions = layoutTopDown(graph);
  for (const node of graph.nodes) node.position = positions.get(node.id) ?? node.position;
  return { graph, sharers };
}

/** `a.relu_1` -> `a.relu` when torch.onnx named a second call so (undeclared, or declared as a layer of this type). */
function sharedBase(full: string, n: GraphNode, decl: Map<string, DeclaredModule> | undefined): string | undefined {
  const m = /^(.*)_(\d+)$/.exec(full);
  if (!m) return undefined;
  if (!decl) return m[1];
  const d = decl.get(m[1]);
  return d?.kind === 'layer' && d.className === n.type && !decl.has(full) ? m[1] : undefined;
}

/** Nodes in named_modules() order (so children() order is the declared one); other nodes stay after the node before them. */
function declaredOrder(nodes: GraphNode[], place: Map<string, Placement>, declared: DeclaredModule[]): GraphNode[] {
  const rank = new Map(declared.map((d, i) => [d.path, i]));
  let last = -1;
  const key = nodes.map((n) => {
    if (n.type === 'Input') return -1;
    const p = place.get(n.id);
    const k = p?.leaf !== undefined ? rank.get(p.container ? `${p.container}.${p.leaf}` : p.leaf) : undefined;
    if (k !== undefined) last = k;
    return k ?? last;
  });
  return nodes
    .map((n, i) => [n, key[i], i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map((x) => x[0]);
}

/** Explicit names that equal what the tree would name the child anyway are dropped (defaults stay defaults). */
function clearDefaultNames(graph: Graph): void {
  const tree = buildModuleTree(graph);
  const visit = (entry: ReturnType<typeof buildModuleTree>['root']) => {
    const kids = childrenOf(entry);
    const named = kids.filter((k) => k.nodeId !== undefined);
    if (named.length > 0) {
      const saved = named.map((k) => graph.nodes.find((n) => n.id === k.nodeId));
      const names = saved.map((n) => n?.name);
      for (const n of saved) if (n) delete n.name;
      const defaults = childrenOf(entryAt(buildModuleTree(graph), entry.path)).filter((k) => k.nodeId !== undefined);
      const same =
        defaults.length === named.length &&
        defaults.every((k, i) => k.nodeId === named[i].nodeId && k.name === named[i].name);
      if (!same) saved.forEach((n, i) => n && names[i] !== undefined && (n.name = names[i]));
    }
    for (const k of kids) if (k.kind !== 'layer') visit(k);
  };
  visit(tree.root);
}

function entryAt(tree: ReturnType<typeof buildModuleTree>, path: string) {
  if (!path) return tree.root;
  let cur = tree.root;
  for (const seg of path.split('.')) cur = cur.children.find((c) => c.name === seg) ?? cur;
  return cur;
}
