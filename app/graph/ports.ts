/**
 * Output ports. Most kinds have one output; Split and Chunk have several, and an edge names the one
 * it leaves from (`sourcePort`, default 0). Compilers key the value an edge carries by
 * `valueKey(source, port)`: the node id itself for output 0, so single-output code paths are unchanged.
 */
import type { GraphEdge } from './types';

const SEP = '\u0001';

/** The key of output `port` of node `source`: the id for output 0, `id␁port` otherwise. */
export const valueKey = (source: string, port = 0): string => (port === 0 ? source : `${source}${SEP}${port}`);

/** The key of the value an edge carries. */
export const edgeValue = (e: Pick<GraphEdge, 'source' | 'sourcePort'>): string => valueKey(e.source, e.sourcePort ?? 0);

/** The node id and output port of a value key. */
export function splitValueKey(key: string): { node: string; port: number } {
  const i = key.lastIndexOf(SEP);
  return i < 0 ? { node: key, port: 0 } : { node: key.slice(0, i), port: Number(key.slice(i + 1)) };
}

/** The keys of a node's outputs, in order. */
export const outputKeys = (id: string, count: number): string[] =>
  Array.from({ length: Math.max(1, count) }, (_, k) => valueKey(id, k));
