import type { Graph } from './types';

export interface TopoResult {
  /** Node ids in execution order (Kahn's algorithm, ties broken by document order). */
  order: string[];
  /** Ids of nodes on or behind a cycle; empty when the graph is acyclic. */
  cyclic: string[];
}

/** Topological order of the graph's nodes. Edges to unknown nodes are ignored here (validation reports them). */
export function topoOrder(graph: Pick<Graph, 'nodes' | 'edges'>): TopoResult {
  const index = new Map<string, number>();
  graph.nodes.forEach((n, i) => index.set(n.id, i));
  const indeg = new Array<number>(graph.nodes.length).fill(0);
  const out: number[][] = graph.nodes.map(() => []);
  for (const e of graph.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    out[s].push(t);
    indeg[t]++;
  }
  // A binary heap keyed by document index keeps the order stable and O(E log V).
  const heap: number[] = [];
  const push = (v: number) => {
    heap.push(v);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  indeg.forEach((d, i) => d === 0 && push(i));
  const order: string[] = [];
  while (heap.length > 0) {
    const v = pop();
    order.push(graph.nodes[v].id);
    for (const t of out[v]) if (--indeg[t] === 0) push(t);
  }
  const placed = new Set(order);
  const cyclic = graph.nodes.filter((n) => !placed.has(n.id)).map((n) => n.id);
  return { order, cyclic };
}
