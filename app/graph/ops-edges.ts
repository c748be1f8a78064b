import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { allocator, type IdSource } from './ids';
import { MAX_PORT } from './schema';
import { findNode, label } from './ops-util';
import type { Graph, GraphEdge } from './types';

/** True when `to` can be reached from `from` by following edges. */
export function reaches(g: Graph, from: string, to: string): boolean {
  if (from === to) return true;
  const out = new Map<string, string[]>();
  for (const e of g.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    for (const next of out.get(stack.pop() as string) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * Whether an edge source -> target (into `port`, or the first free port) may be added, and the
 * port it would use. Refuses, with the reason for the canvas to show while dragging: unknown
 * nodes, self-loops, cycles, a port already taken, and more inputs than the layer takes
 * (the registry's `inputs.max`).
 */
export function canConnect(
  g: Graph,
  source: string,
  target: string,
  port?: number,
  sourcePort = 0,
): Result<{ port: number }> {
  const s = findNode(g, source);
  const t = findNode(g, target);
  if (!s) return err(`no node with id '${source}'`);
  if (!t) return err(`no node with id '${target}'`);
  if (source === target) return err(`cannot connect ${label(t)} to itself`);
  const max = Math.min(getLayer(t.type)?.inputs.max ?? 1, MAX_PORT + 1);
  if (max === 0) return err(`${label(t)} takes no inputs: connect from it, not into it`);
  const incoming = g.edges.filter((e) => e.target === target);
  if (!Number.isInteger(sourcePort) || sourcePort < 0 || sourcePort > MAX_PORT)
    return err(`${label(s)} has no output ${sourcePort}`);
  if (
    incoming.some(
      (e) =>
        e.source === source &&
        (e.sourcePort ?? 0) === sourcePort &&
        (port === undefined || (e.targetPort ?? 0) === port),
    )
  ) {
    return err(`${label(s)} is already connected to ${label(t)}`);
  }
  const used = new Set(incoming.map((e) => e.targetPort ?? 0));
  if (incoming.length >= max) {
    return err(
      `${label(t)} takes ${plural(max, 'input')} and already has ${incoming.length}: remove an input edge first`,
    );
  }
  let p = port;
  if (p === undefined) {
    p = 0;
    while (used.has(p)) p++;
  } else if (!Number.isInteger(p) || p < 0 || p >= max) {
    return err(`${label(t)} has no input port ${p} (ports 0 to ${max - 1})`);
  } else if (used.has(p)) {
    return err(`input port ${p} of ${label(t)} is already connected: remove that edge first`);
  }
  if (p >= max) return err(`${label(t)} takes ${plural(max, 'input')}: remove an input edge first`);
  if (reaches(g, target, source))
    return err(`connecting ${label(s)} to ${label(t)} would make a cycle: ${label(t)} already leads to ${label(s)}`);
  return ok({ port: p });
}

/**
 * Adds the edge source -> target when canConnect allows it, from output `sourcePort` of the source
 * (Split, Chunk). Port 0 is stored as no `targetPort` / `sourcePort`.
 */
export function connect(
  g: Graph,
  source: string,
  target: string,
  port?: number,
  ids?: IdSource,
  sourcePort = 0,
): Result<{ graph: Graph; id: string }> {
  const can = canConnect(g, source, target, port, sourcePort);
  if (!can.ok) return can;
  const id = allocator(g, ids).next('e');
  const edge: GraphEdge = {
    id,
    source,
    target,
    ...(can.value.port === 0 ? {} : { targetPort: can.value.port }),
    ...(sourcePort === 0 ? {} : { sourcePort }),
  };
  return ok({ graph: { ...g, edges: [...g.edges, edge] }, id });
}

/** Removes edges by id (unknown ids are ignored). */
export function disconnect(g: Graph, edgeIds: string | readonly string[]): Graph {
  const gone = new Set(typeof edgeIds === 'string' ? [edgeIds] : edgeIds);
  const edges = g.edges.filter((e) => !gone.has(e.id));
  return edges.length === g.edges.length ? g : { ...g, edges };
}
