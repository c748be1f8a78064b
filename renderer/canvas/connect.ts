import type { Connection } from '@xyflow/react';
import type { Graph } from '../../app/graph/types';
import { canConnect } from '../../app/graph/ops';

/** React Flow's isValidConnection: refuses cycles, taken ports and extra inputs while dragging. */
export function connectionAllowed(graph: Graph, c: Connection): boolean {
  const m = /^in-(\d+)$/.exec(c.targetHandle ?? '');
  if (!m || c.sourceHandle !== 'out') return false;
  return canConnect(graph, c.source, c.target, Number(m[1])).ok;
}
