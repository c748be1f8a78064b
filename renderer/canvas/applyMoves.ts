import type { Graph, Position } from '../../app/graph/types';
import { containerView, isModuleNodeId, moduleIdOf } from './containers';

/**
 * Move canvas items to new positions: a layer node moves itself; a container (frame or
 * collapsed box) moves everything inside it by the same delta. `current` is where each canvas
 * item is drawn now. Pure; returns the same graph when nothing moved.
 */
export function applyMoves(graph: Graph, moves: Map<string, Position>, current: Map<string, Position>): Graph {
  if (moves.size === 0) return graph;
  const delta = new Map<string, Position>();
  let view: ReturnType<typeof containerView> | null = null;
  for (const [id, to] of moves) {
    const from = current.get(id);
    if (!from) continue;
    const d = { x: to.x - from.x, y: to.y - from.y };
    if (d.x === 0 && d.y === 0) continue;
    if (isModuleNodeId(id)) {
      view ??= containerView(graph);
      for (const n of view.descendants.get(moduleIdOf(id)) ?? []) if (!delta.has(n)) delta.set(n, d);
    } else delta.set(id, d);
  }
  if (delta.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const d = delta.get(n.id);
      return d ? { ...n, position: { x: n.position.x + d.x, y: n.position.y + d.y } } : n;
    }),
  };
}
