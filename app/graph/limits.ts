/**
 * Size limits of a project, checked when a file is read, before any code walks the graph, so that a
 * huge or deeply nested file is refused in milliseconds with one line instead of taking minutes,
 * gigabytes or the stack. Each is far beyond a real network (DenseNet-121: 432 nodes, 966 edges,
 * 66 modules nested 3 deep; ResNet-152 about 520 nodes) and well inside what the app handles.
 *
 *   bytes        64 MiB of JSON text (the same limit as the app's project.open)
 *   nodes        10,000 layers
 *   edges        40,000 connections (DenseNet's Concat fan-in averages 2.2 per node)
 *   modules      10,000 containers
 *   moduleDepth  100 containers nested inside each other (PyTorch's own print(model) recurses
 *                about three Python frames a level and stops near 330 with its recursion limit)
 *
 * `MAX_CHAIN` is TensorFlow.js's limit, checked before compiling: tfjs-layers builds a model
 * recursively along its longest path and overflows the stack a little beyond 4,000 layers in a row.
 */
import type { Graph } from './types';

/** A project file is at most 64 MiB of JSON text. */
export const MAX_PROJECT_BYTES = 64 * 1024 * 1024;

export const PROJECT_LIMITS = {
  nodes: 10_000,
  edges: 40_000,
  modules: 10_000,
  moduleDepth: 100,
} as const;

/** Longest run of layers one after another that a network may have to be compiled to TensorFlow.js. */
export const MAX_CHAIN = 3_000;

const n = (x: number) => x.toLocaleString('en-US');

/** The fix-it line for a file over the byte limit. */
export function projectBytesProblem(bytes: number): string | null {
  if (bytes <= MAX_PROJECT_BYTES) return null;
  return `${n(bytes)} bytes is larger than a project file can be (64 MiB): this is not a Netloom project, or keep its networks smaller (at most ${n(PROJECT_LIMITS.nodes)} nodes)`;
}

/**
 * Counts of the raw document's lists against PROJECT_LIMITS (before the schema walks them), or null.
 * `raw` is the parsed JSON, of any shape.
 */
export function countProblem(raw: Record<string, unknown>): { path: string; message: string } | null {
  for (const key of ['nodes', 'edges', 'modules'] as const) {
    const list = raw[key];
    if (Array.isArray(list) && list.length > PROJECT_LIMITS[key]) {
      return {
        path: key,
        message: `${n(list.length)} ${key}, more than a project may have (${n(PROJECT_LIMITS[key])}): split the network into smaller projects (docs/SECURITY.md lists the limits)`,
      };
    }
  }
  return null;
}

/**
 * How deep each module is nested (1 = top level), iteratively; modules on a parent cycle or with a
 * missing parent count as top level (integrity reports those). Returns the first module deeper than
 * the limit, or null.
 */
export function moduleDepthProblem(
  g: Pick<Graph, 'modules'>,
  limit: number = PROJECT_LIMITS.moduleDepth,
): { path: string; message: string } | null {
  const index = new Map(g.modules.map((m, i) => [m.id, i]));
  const depth = new Array<number>(g.modules.length).fill(0);
  for (let start = 0; start < g.modules.length; start++) {
    if (depth[start] > 0) continue;
    const path: number[] = [];
    const onPath = new Set<number>();
    let cur: number | undefined = start;
    while (cur !== undefined && depth[cur] === 0 && !onPath.has(cur)) {
      path.push(cur);
      onPath.add(cur);
      const parent: string | undefined = g.modules[cur].parent;
      cur = parent === undefined ? undefined : index.get(parent);
    }
    let d = cur !== undefined && depth[cur] > 0 ? depth[cur] : 0;
    for (let k = path.length - 1; k >= 0; k--) depth[path[k]] = ++d;
  }
  const at = depth.findIndex((d) => d > limit);
  if (at < 0) return null;
  return {
    path: `modules[${at}].parent`,
    message: `modules are nested ${n(depth.reduce((a, b) => Math.max(a, b), 0))} deep, more than a project may nest them (${limit}): put some of them at a higher level`,
  };
}

/**
 * The number of nodes on the graph's longest path (edges to unknown nodes ignored) and the node it
 * ends at, in linear time without recursion; `order` is a topological order of the node ids.
 */
export function longestChain(g: Pick<Graph, 'edges'>, order: readonly string[]): { length: number; end?: string } {
  const pos = new Map(order.map((id, i) => [id, i]));
  const into: number[][] = order.map(() => []);
  for (const e of g.edges) {
    const s = pos.get(e.source);
    const t = pos.get(e.target);
    if (s !== undefined && t !== undefined) into[t].push(s);
  }
  const len = new Array<number>(order.length).fill(1);
  let best = 0;
  let end: string | undefined;
  for (let i = 0; i < order.length; i++) {
    for (const s of into[i]) if (s < i && len[s] + 1 > len[i]) len[i] = len[s] + 1;
    if (len[i] > best) [best, end] = [len[i], order[i]];
  }
  return { length: best, end };
}

/** The problem of a graph whose longest chain is beyond MAX_CHAIN, or null. */
export function chainProblem(
  g: Pick<Graph, 'edges'>,
  order: readonly string[],
): { nodeId?: string; message: string } | null {
  const { length, end } = longestChain(g, order);
  if (length <= MAX_CHAIN) return null;
  return {
    nodeId: end,
    message: `The graph has ${n(length)} layers one after another, more than Netloom can train or export (${n(MAX_CHAIN)}, TensorFlow.js's limit): shorten its longest chain.`,
  };
}
