import type { Graph } from '../../app/graph/types';

export interface SelectedItems {
  nodes: string[];
  edges: string[];
  modules: string[];
}

/** Split the canvas selection into graph nodes, edges and containers. */
export function selectedItems(g: Graph, selection: ReadonlySet<string>): SelectedItems {
  const nodeIds = new Set(g.nodes.map((n) => n.id));
  const edgeIds = new Set(g.edges.map((e) => e.id));
  const out: SelectedItems = { nodes: [], edges: [], modules: [] };
  for (const id of selection) {
    if (id.startsWith('m:')) out.modules.push(id.slice(2));
    else if (nodeIds.has(id)) out.nodes.push(id);
    else if (edgeIds.has(id)) out.edges.push(id);
  }
  return out;
}
