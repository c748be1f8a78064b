import type { Connection } from '@xyflow/react';
import type { Graph } from '../../app/graph/types';
import { canConnect } from '../../app/graph/ops';

/** React Flow's isValidConnection: refuses cycles, taken ports and extra inputs while dragging. */
export function connectionAllowed(graph: Graph, c: Connection): boolean {
  const m = /^in-(\d+)$/.exec(c.targetHandle ?? '');
  const from = sourcePortOf(c.sourceHandle);
  if (!m || from === undefined) return false;
  return canConnect(graph, c.source, c.target, Number(m[1]), from).ok;
}

/** The output port of a source handle: `out` is output 0, `out-k` output k of a Split/Chunk. */
export function sourcePortOf(handle: string | null | undefined): number | undefined {
  if (handle === 'out') return 0;
  const m = /^out-(\d+)$/.exec(handle ?? '');
  return m ? Number(m[1]) : undefined;
}
