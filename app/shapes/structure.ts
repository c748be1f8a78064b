import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import type { GraphError } from './types';

/** How a node is referred to in messages: its attribute name when it has a telling one, else its id. */
export function nodeLabel(node: GraphNode): string {
  return node.name && !/^\d+$/.test(node.name) ? node.name : node.id;
}

/** The label of the node with this id (the id itself when there is no such node). */
export const labelOf = (byId: Map<string, GraphNode>, id: string): string => {
  const n = byId.get(id);
  return n ? nodeLabel(n) : id;
};

export interface Wiring {
  /** Per node id: the edge feeding each port (index = port). Holes are missing inputs. */
  ports: Map<string, (GraphEdge | undefined)[]>;
  /** Per node id: the node's own structural problem (duplicate or surplus edges). */
  nodeErrors: Map<string, GraphError>;
  /** Graph-wide and edge problems. */
  errors: GraphError[];
}

/** Collects the edges into each port and reports edges to unknown nodes, bad ports and two edges into one port. */
export function wire(graph: Pick<Graph, 'nodes' | 'edges'>, byId: Map<string, GraphNode>): Wiring {
  const ports = new Map<string, (GraphEdge | undefined)[]>();
  const nodeErrors = new Map<string, GraphError>();
  const errors: GraphError[] = [];
  const seenEdge = new Set<string>();
  for (const e of graph.edges) {
    if (seenEdge.has(e.id))
      errors.push({ edgeId: e.id, message: `Edge ${e.id}: two edges share this id; delete one of them` });
    seenEdge.add(e.id);
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    if (!src || !dst) {
      const missing = !src ? `source "${e.source}"` : `target "${e.target}"`;
      errors.push({
        edgeId: e.id,
        nodeId: src?.id ?? dst?.id,
        message: `Edge ${e.id} points to an unknown ${missing}: remove the edge`,
        fix: { kind: 'removeEdge', edgeId: e.id, label: 'Remove this edge' },
      });
      continue;
    }
    const port = e.targetPort ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 4096) {
      errors.push({
        edgeId: e.id,
        nodeId: dst.id,
        message: `Edge ${e.id} into ${dst.type} ${nodeLabel(dst)} has an invalid targetPort ${String(port)}: use 0, 1, 2, ...`,
        fix: { kind: 'removeEdge', edgeId: e.id, label: 'Remove this edge' },
      });
      continue;
    }
    let list = ports.get(dst.id);
    if (!list) ports.set(dst.id, (list = []));
    const prev = list[port];
    if (prev) {
      if (!nodeErrors.has(dst.id))
        nodeErrors.set(dst.id, {
          nodeId: dst.id,
          edgeId: e.id,
          message:
            `${dst.type} ${nodeLabel(dst)}: input ${port} has two edges (from ${labelOf(byId, prev.source)} and ${labelOf(byId, e.source)}): ` +
            `remove one, or give each edge its own targetPort`,
          fix: { kind: 'removeEdge', edgeId: e.id, label: `Remove the edge from ${labelOf(byId, e.source)}` },
        });
      continue;
    }
    list[port] = e;
  }
  return { ports, nodeErrors, errors };
}

/** Checks the connected ports of one node against the number of inputs its kind takes. */
export function checkArity(
  node: GraphNode,
  type: string,
  edges: (GraphEdge | undefined)[],
  arity: { min: number; max: number },
  byId: Map<string, GraphNode> = new Map(),
): GraphError | undefined {
  const who = `${type} ${nodeLabel(node)}`;
  const n = edges.length;
  if (n > arity.max) {
    const extra = edges[n - 1] as GraphEdge;
    const takes = arity.max === 0 ? 'takes no inputs' : `takes ${arity.max} input${arity.max === 1 ? '' : 's'}`;
    return {
      nodeId: node.id,
      edgeId: extra.id,
      message: `${who} ${takes}, but ${n} ${n === 1 ? 'is' : 'are'} connected: remove the edge from ${labelOf(byId, extra.source)}`,
      fix: { kind: 'removeEdge', edgeId: extra.id, label: `Remove the edge from ${labelOf(byId, extra.source)}` },
    };
  }
  for (let i = 0; i < n; i++) {
    if (!edges[i])
      return {
        nodeId: node.id,
        message: `${who}: input ${i} is not connected, but input ${n - 1} is: connect input ${i}`,
      };
  }
  if (n < arity.min) {
    if (arity.min === 1) return { nodeId: node.id, message: `${who} has no input: connect one` };
    return {
      nodeId: node.id,
      message: `${who} needs at least ${arity.min} inputs, has ${n}: connect ${arity.min - n} more`,
    };
  }
  return undefined;
}

/**
 * Reports each cycle once: for every strongly connected component among the nodes topoOrder could
 * not place (Tarjan), one error on its first node naming the loop, with the closing edge's removal.
 */
export function cycleErrors(
  graph: Pick<Graph, 'nodes' | 'edges'>,
  cyclic: string[],
  byId: Map<string, GraphNode>,
): GraphError[] {
  if (cyclic.length === 0) return [];
  const inSet = new Set(cyclic);
  const out = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!inSet.has(e.source) || !inSet.has(e.target)) continue;
    const l = out.get(e.source);
    if (l) l.push(e);
    else out.set(e.source, [e]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const comps: string[][] = [];
  let counter = 0;
  // Iterative Tarjan, so a long cycle cannot overflow the call stack.
  for (const root of cyclic) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const succ = out.get(v) ?? [];
      if (i < succ.length) {
        top[1]++;
        const w = succ[i].target;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u) as number, low.get(v) as number));
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        const selfLoop = (out.get(v) ?? []).some((e) => e.target === v);
        if (comp.length > 1 || selfLoop) comps.push(comp);
      }
    }
  }
  const docIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  return comps.map((comp) => {
    const members = new Set(comp);
    const first = comp.reduce((a, b) => ((docIndex.get(a) as number) <= (docIndex.get(b) as number) ? a : b));
    const closing = graph.edges.find((e) => e.target === first && members.has(e.source)) as GraphEdge;
    const node = byId.get(first) as GraphNode;
    const names = comp
      .slice()
      .sort((a, b) => (docIndex.get(a) as number) - (docIndex.get(b) as number))
      .map((id) => nodeLabel(byId.get(id) as GraphNode));
    return {
      nodeId: first,
      edgeId: closing.id,
      message: `${node.type} ${nodeLabel(node)} is part of a cycle (${names.join(', ')}): a network must not feed back into itself; remove the edge from ${labelOf(byId, closing.source)}`,
      fix: { kind: 'removeEdge', edgeId: closing.id, label: `Remove the edge from ${labelOf(byId, closing.source)}` },
    };
  });
}
