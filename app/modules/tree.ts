/**
 * The module tree: what PyTorch's `nn.Module` hierarchy is for the equivalent network.
 *
 * Rules (the PyTorch export registers exactly these, so state dicts load both ways):
 * - The root is a custom Module whose class name is `graph.name` (default `Net`).
 * - A container (`ModuleDef`) is a child of its `parent` module (root when absent or unknown);
 *   a node is a child of its `parent` module, unless it is not a module: `functional` nodes,
 *   nodes with `shares` (the same module called again: not registered again, parameters counted
 *   once), kinds whose spec says `isModule: false` (Input, Add, Concat) and unknown kinds.
 * - Children order = document order of each child's first node (for a container: the first
 *   node anywhere inside it; empty containers last, in `modules` order). Templates and the
 *   editor append nodes in registration (`__init__`) order.
 * - Attribute names: see naming.ts (Sequential indices, explicit names, `conv1`/`relu` defaults).
 * - Class names: a layer's type (`Conv2d`); a container's `className`, else `Sequential` or,
 *   for a custom Module, its name in PascalCase.
 */
import type { Graph, GraphNode, ModuleDef } from '../graph/types';
import { getLayer } from '../layers/registry';
import type { TensorInfo } from '../layers/spec';
import type { GraphAnalysis } from '../shapes/types';
import { assignChildNames } from './naming';

export interface ModuleEntry {
  /** Dotted path from the root: '' for the root, `features.0`, `layer1.0.downsample.1`. */
  path: string;
  /** Attribute name in the parent ('' for the root). */
  name: string;
  /** Class name print(model) shows: `Conv2d`, `Sequential`, `BasicBlock`, `Net`. */
  className: string;
  /** `layer` for a node's module; `Sequential`/`Module` for containers (the root is a `Module`). */
  kind: 'Sequential' | 'Module' | 'layer';
  /** The ModuleDef id (containers) or the node id (layers); undefined for the root. */
  moduleId?: string;
  nodeId?: string;
  /** A layer's own print text from the registry (`Linear(in_features=4, out_features=3, bias=True)`). */
  layerRepr?: string;
  /** The module's own parameters and buffers (local names: `weight`, `running_mean`). */
  parameters: TensorInfo[];
  buffers: TensorInfo[];
  children: ModuleEntry[];
}

export interface ModuleTree {
  root: ModuleEntry;
  /** Node id -> its module entry (registered nodes only; `shares` nodes map to their owner's entry). */
  byNode: Map<string, ModuleEntry>;
  /** ModuleDef id -> its entry. */
  byModule: Map<string, ModuleEntry>;
}

const pascalCase = (s: string): string =>
  s.replace(/(^|[_\s]+)([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase()) || 'Module';

export function containerClassName(def: ModuleDef): string {
  if (def.className) return def.className;
  return def.kind === 'Sequential' ? 'Sequential' : pascalCase(def.name);
}

/** Whether a node is a registered sub-module (see the rules above). */
export function isRegisteredModule(node: GraphNode): boolean {
  if (node.functional || node.shares) return false;
  const spec = getLayer(node.type);
  return spec !== undefined && spec.isModule;
}

function layerEntry(node: GraphNode, analysis: GraphAnalysis | undefined): ModuleEntry {
  const spec = getLayer(node.type);
  const entry: ModuleEntry = {
    path: '',
    name: '',
    className: node.type,
    kind: 'layer',
    nodeId: node.id,
    parameters: [],
    buffers: [],
    children: [],
  };
  if (!spec) return entry;
  const parsed = spec.schema.safeParse(node.params);
  const inputs = analysis?.nodes.get(node.id)?.inputs ?? [];
  const known = inputs.every((s) => s !== null) ? (inputs as number[][]) : [];
  if (!parsed.success) {
    entry.layerRepr = `${node.type}(?)`;
    return entry;
  }
  try {
    entry.layerRepr = spec.repr(known, parsed.data);
    entry.parameters = spec.parameters(known, parsed.data);
    entry.buffers = spec.buffers(known, parsed.data);
  } catch {
    // Specs never throw by contract; if one does, the tree still stands (the analysis reports the node).
    entry.layerRepr = `${node.type}(?)`;
    entry.parameters = [];
    entry.buffers = [];
  }
  return entry;
}

/**
 * Each container's effective parent: its `parent` when the chain above it reaches the root;
 * undefined (the root) for an unknown parent or a chain that runs into a cycle. Linear time.
 */
function resolveParents(graph: Graph): Map<string, string | undefined> {
  const defs = new Map(graph.modules.map((m) => [m.id, m]));
  const good = new Map<string, boolean>();
  for (const m of graph.modules) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let verdict = true;
    for (let cur: string | undefined = m.id; cur !== undefined && defs.has(cur); cur = defs.get(cur)?.parent) {
      const known = good.get(cur);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (onPath.has(cur)) {
        verdict = false;
        break;
      }
      onPath.add(cur);
      path.push(cur);
    }
    for (const id of path) good.set(id, verdict);
  }
  const parentOf = new Map<string, string | undefined>();
  for (const m of graph.modules) {
    parentOf.set(m.id, good.get(m.id) && m.parent !== undefined && defs.has(m.parent) ? m.parent : undefined);
  }
  return parentOf;
}

/** Builds the tree; `analysis` supplies input shapes for inferred sizes (`in_channels`). */
export function buildModuleTree(graph: Graph, analysis?: GraphAnalysis): ModuleTree {
  const parentOf = resolveParents(graph);
  const root: ModuleEntry = {
    path: '',
    name: '',
    className: graph.name || 'Net',
    kind: 'Module',
    parameters: [],
    buffers: [],
    children: [],
  };
  const byNode = new Map<string, ModuleEntry>();
  const byModule = new Map<string, ModuleEntry>();
  const rank = new Map<ModuleEntry, number>();
  const kids = new Map<ModuleEntry, { entry: ModuleEntry; explicit?: string; base: string }[]>([[root, []]]);

  graph.modules.forEach((def, i) => {
    const entry: ModuleEntry = {
      path: '',
      name: '',
      className: containerClassName(def),
      kind: def.kind,
      moduleId: def.id,
      parameters: [],
      buffers: [],
      children: [],
    };
    byModule.set(def.id, entry);
    kids.set(entry, []);
    rank.set(entry, Number.MAX_SAFE_INTEGER - graph.modules.length + i);
  });
  const containerOf = (moduleId: string | undefined): ModuleEntry =>
    (moduleId !== undefined ? byModule.get(moduleId) : undefined) ?? root;

  for (const def of graph.modules) {
    const entry = byModule.get(def.id) as ModuleEntry;
    kids.get(containerOf(parentOf.get(def.id)))?.push({ entry, explicit: def.name, base: entry.className });
  }
  graph.nodes.forEach((node, i) => {
    // The first node inside a container (at any depth) ranks the container and its ancestors.
    // Nodes come in document order, so an ancestor already ranked by an earlier node ends the walk.
    for (let m = node.parent !== undefined ? byModule.get(node.parent) : undefined; m;) {
      if ((rank.get(m) ?? Infinity) <= i) break;
      rank.set(m, i);
      const up = parentOf.get(m.moduleId as string);
      m = up !== undefined ? byModule.get(up) : undefined;
    }
    if (!isRegisteredModule(node)) return;
    const entry = layerEntry(node, analysis);
    rank.set(entry, i);
    byNode.set(node.id, entry);
    kids.get(containerOf(node.parent))?.push({ entry, explicit: node.name, base: node.type });
  });
  // A `shares` node maps to its owner's module (following chains of shares, cycles ignored).
  const sharesOf = new Map(graph.nodes.map((n) => [n.id, n.shares]));
  for (const node of graph.nodes) {
    if (node.shares === undefined || byNode.has(node.id)) continue;
    const seen = new Set([node.id]);
    let cur: string | undefined = node.shares;
    while (cur !== undefined && !byNode.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = sharesOf.get(cur);
    }
    const owner = cur !== undefined ? byNode.get(cur) : undefined;
    if (owner) byNode.set(node.id, owner);
  }

  // Sort, name and place each container's children; iterative, so deep nesting cannot overflow the stack.
  const pending = [root];
  while (pending.length > 0) {
    const entry = pending.pop() as ModuleEntry;
    const list = [...(kids.get(entry) ?? [])].sort((a, b) => (rank.get(a.entry) ?? 0) - (rank.get(b.entry) ?? 0));
    const container = entry.kind === 'Sequential' ? 'Sequential' : 'Module';
    const names = assignChildNames(
      list.map((c) => ({ name: c.explicit, base: c.base })),
      container,
    );
    entry.children = list.map((c, i) => {
      c.entry.name = names[i];
      c.entry.path = entry.path ? `${entry.path}.${names[i]}` : names[i];
      pending.push(c.entry);
      return c.entry;
    });
  }
  return { root, byNode, byModule };
}
