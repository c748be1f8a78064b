/**
 * Which graph nodes each module of the tree computes, its inputs and outputs, and the order of
 * its direct items (its own nodes and its child containers, each container called as a unit).
 */
import { edgeValue, outputKeys } from '../../graph/ports';
import { topoOrder } from '../../graph/topo';
import type { GraphAnalysis } from '../../shapes/types';
import type { Graph, GraphEdge, GraphNode } from '../../graph/types';
import type { ModuleEntry, ModuleTree } from '../../modules';
import { err, ok, type Result } from '../../result';

export type Item = { kind: 'node'; node: GraphNode } | { kind: 'module'; entry: ModuleEntry };

export interface Scope {
  entry: ModuleEntry;
  /** External values the module takes, in argument order (value keys: source node ids, graph/ports.ts). */
  inputs: string[];
  /** Values the module returns, in order (value keys of nodes inside it). */
  outputs: string[];
  /** Direct items in execution order. */
  items: Item[];
}

export interface GraphIndex {
  graph: Graph;
  tree: ModuleTree;
  byId: Map<string, GraphNode>;
  /** Incoming edges per node, sorted by port. */
  incoming: Map<string, GraphEdge[]>;
  uses: Map<string, number>;
  topo: Map<string, number>;
  /** Graph outputs in the compiler's order. */
  graphOutputs: string[];
  inputNodes: string[];
  /** Container chain of each node: its container first, the root last. */
  chain: Map<string, ModuleEntry[]>;
  parentOf: Map<ModuleEntry, ModuleEntry>;
  /** The value keys (graph/ports.ts) of each node's outputs: `[id]`, or one per piece of a Split/Chunk. */
  outKeys: Map<string, string[]>;
}

export function indexGraph(graph: Graph, tree: ModuleTree, analysis?: GraphAnalysis): Result<GraphIndex> {
  const { order, cyclic } = topoOrder(graph);
  if (cyclic.length > 0) return err(`the graph has a cycle through ${cyclic.slice(0, 3).join(', ')}: remove an edge`);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, GraphEdge[]>();
  const uses = new Map<string, number>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const l = incoming.get(e.target) ?? [];
    l.push(e);
    incoming.set(e.target, l);
    uses.set(e.source, (uses.get(e.source) ?? 0) + 1);
  }
  for (const l of incoming.values()) l.sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0));
  const topo = new Map(order.map((id, i) => [id, i]));
  const parentOf = new Map<ModuleEntry, ModuleEntry>();
  const stack = [tree.root];
  while (stack.length) {
    const m = stack.pop() as ModuleEntry;
    for (const c of m.children) {
      parentOf.set(c, m);
      stack.push(c);
    }
  }
  const chain = new Map<string, ModuleEntry[]>();
  for (const n of graph.nodes) {
    const start =
      n.type === 'Input' ? tree.root : n.parent !== undefined ? (tree.byModule.get(n.parent) ?? tree.root) : tree.root;
    const list: ModuleEntry[] = [];
    for (let m: ModuleEntry | undefined = start; m; m = parentOf.get(m)) list.push(m);
    chain.set(n.id, list);
  }
  const inputNodes = order.filter((id) => byId.get(id)?.type === 'Input');
  const graphOutputs = order.filter((id) => !uses.has(id) && byId.get(id)?.type !== 'Input');
  if (inputNodes.length === 0) return err('the graph has no Input node: add one');
  if (graphOutputs.length === 0) return err('the graph has no output: connect a layer after the Input');
  const outKeys = new Map(
    graph.nodes.map((n) => [n.id, outputKeys(n.id, analysis?.nodes.get(n.id)?.outputs?.length ?? 1)]),
  );
  const multiOut = graphOutputs.find((id) => (outKeys.get(id)?.length ?? 1) > 1);
  if (multiOut)
    return err(
      `${byId.get(multiOut)?.type} '${multiOut}' is an output of the network but has several outputs: connect them to layers`,
    );
  return ok({ graph, tree, byId, incoming, uses, topo, graphOutputs, inputNodes, chain, parentOf, outKeys });
}

const inside = (ix: GraphIndex, id: string, m: ModuleEntry): boolean => (ix.chain.get(id) ?? []).includes(m);

/** The direct item of `m` that computes node `id` (the node itself, or the child container holding it). */
function itemOf(ix: GraphIndex, id: string, m: ModuleEntry): Item {
  const c = ix.chain.get(id) ?? [];
  const at = c.indexOf(m);
  return at === 0 ? { kind: 'node', node: ix.byId.get(id) as GraphNode } : { kind: 'module', entry: c[at - 1] };
}

const itemKey = (it: Item): string => (it.kind === 'node' ? `n:${it.node.id}` : `m:${it.entry.path}`);

export function buildScope(ix: GraphIndex, m: ModuleEntry): Result<Scope> {
  const isRoot = m === ix.tree.root;
  const members = ix.graph.nodes.filter((n) => n.type !== 'Input' && inside(ix, n.id, m));
  members.sort((a, b) => (ix.topo.get(a.id) ?? 0) - (ix.topo.get(b.id) ?? 0));
  const inputs: string[] = isRoot ? [...ix.inputNodes] : [];
  const outputs: string[] = [];
  const usedOutside = new Set<string>();
  for (const e of ix.graph.edges) if (ix.byId.has(e.target) && !inside(ix, e.target, m)) usedOutside.add(edgeValue(e));
  for (const n of members) {
    for (const e of ix.incoming.get(n.id) ?? []) {
      const src = ix.byId.get(e.source) as GraphNode;
      const ext = src.type === 'Input' ? !isRoot : !inside(ix, src.id, m);
      const v = edgeValue(e);
      if (ext && !inputs.includes(v)) inputs.push(v);
    }
    const isGraphOut = ix.graphOutputs.includes(n.id);
    for (const k of ix.outKeys.get(n.id) ?? [n.id])
      if (isRoot ? isGraphOut : isGraphOut || usedOutside.has(k)) outputs.push(k);
  }
  if (isRoot) outputs.sort((a, b) => ix.graphOutputs.indexOf(a) - ix.graphOutputs.indexOf(b));
  // Items and their dependencies (Kahn, ties by the first node's execution order).
  const items = new Map<string, { item: Item; first: number; deps: Set<string> }>();
  for (const n of members) {
    const it = itemOf(ix, n.id, m);
    const key = itemKey(it);
    const rec = items.get(key) ?? { item: it, first: ix.topo.get(n.id) ?? 0, deps: new Set<string>() };
    items.set(key, rec);
    for (const e of ix.incoming.get(n.id) ?? []) {
      if (!inside(ix, e.source, m) || ix.byId.get(e.source)?.type === 'Input') continue;
      const dep = itemKey(itemOf(ix, e.source, m));
      if (dep !== key) rec.deps.add(dep);
    }
  }
  const done = new Set<string>();
  const ordered: Item[] = [];
  const pending = [...items.entries()].sort((a, b) => a[1].first - b[1].first);
  while (ordered.length < pending.length) {
    const next = pending.find(([k, r]) => !done.has(k) && [...r.deps].every((d) => done.has(d)));
    if (!next) {
      const stuck = pending
        .filter(([k]) => !done.has(k))
        .map(([, r]) => (r.item.kind === 'node' ? r.item.node.id : r.item.entry.path));
      return err(
        `module '${m.path || m.className}' cannot be written as PyTorch code: its parts ${stuck.slice(0, 3).join(', ')} ` +
          `feed each other through the module boundary; move the nodes so each container is called once`,
      );
    }
    done.add(next[0]);
    ordered.push(next[1].item);
  }
  return ok({ entry: m, inputs, outputs, items: ordered });
}
