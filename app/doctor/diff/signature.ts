/** What a node is, for matching: its type and its parameters with defaults filled, without the inferred ones. */
import type { Graph, GraphNode } from '../../graph/types';
import { getLayer, parseParams } from '../../layers/registry';

export interface NodeInfo {
  id: string;
  type: string;
  params: Record<string, unknown>;
  /** type + params as one string. */
  signature: string;
  /** Module path, or '' where the node is not a registered module (functional calls, Add, Input). */
  path: string;
  /** Path of the container it sits in ('' = the root). */
  container: string;
  /** Parameters as written in the file (what the diff prints for added and removed nodes). */
  written: Record<string, unknown>;
  /** How messages name it: the module path, a second call's owner path, or container and id. */
  label: string;
}

/** JSON with sorted keys, so equal params give equal text. */
export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function normalizedParams(g: Graph, n: GraphNode): { type: string; params: Record<string, unknown> } {
  const owner = n.shares !== undefined ? (g.nodes.find((x) => x.id === n.shares) ?? n) : n;
  const type = owner.type;
  const parsed = parseParams(type, owner.params, owner.id);
  const params: Record<string, unknown> = { ...(parsed.ok ? parsed.value : owner.params) };
  for (const k of getLayer(type)?.inferred ?? []) delete params[k];
  for (const k of Object.keys(params)) if (params[k] === undefined || params[k] === null) delete params[k];
  return { type, params };
}
