import type { Node } from '@xyflow/react';

export type Dims = { width: number; height: number };

/**
 * Controlled React Flow needs the sizes it measured handed back on the node objects (the minimap,
 * fitView and visibility culling read them). Attach them without breaking identity: the same
 * node with the same size gives the same object.
 */
export function createMeasuredAttacher(): (nodes: Node[], dims: ReadonlyMap<string, Dims>) => Node[] {
  const cache = new WeakMap<Node, { d: Dims; out: Node }>();
  return (nodes, dims) =>
    nodes.map((n) => {
      const d = dims.get(n.id);
      if (!d) return n;
      const hit = cache.get(n);
      if (hit && hit.d === d) return hit.out;
      const out = { ...n, measured: d };
      cache.set(n, { d, out });
      return out;
    });
}
