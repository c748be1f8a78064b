import type { Graph } from '../../app/graph/types';

/** A node/edge/module id not used in the graph: `conv2d_3`. */
export function freshIdFactory(graph: Pick<Graph, 'nodes' | 'edges' | 'modules'>): (prefix: string) => string {
  const used = new Set<string>([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id), ...graph.modules.map((m) => m.id)]);
  return (prefix) => {
    const base = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_') || 'n';
    for (let i = 1; ; i++) {
      const id = `${base}_${i}`;
      if (!used.has(id)) { used.add(id); return id; }
    }
  };
}
