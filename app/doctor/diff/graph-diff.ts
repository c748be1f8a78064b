/**
 * Structural diff of two graphs. Nodes are matched by an alignment of the two execution orders
 * (topological, ties in document order) that scores a pair by what it shares: module path, type
 * and parameters. Pairs with the same path win over pairs with the same parameters elsewhere
 * (module path first, then structure), and an index shifted inside a Sequential (VGG-13's extra
 * convolutions push `features.5` to `features.7`) still lines up by structure. A matched pair is
 * changed when its parameters differ and moved when its container differs.
 */
import type { Graph } from '../../graph/types';
import { buildModuleTree } from '../../modules/tree';
import { analyzeGraph } from '../../shapes/analyze';
import type { GraphAnalysis } from '../../shapes/types';
import { normalizedParams, stable, type NodeInfo } from './signature';
import type { ContainerDiff, GraphDiff, NodeDiff, ParamChange } from './types';

interface Side {
  graph: Graph;
  analysis: GraphAnalysis;
  nodes: NodeInfo[];
  containers: Map<string, string>;
}

function side(graph: Graph): Side {
  const analysis = analyzeGraph(graph);
  const tree = buildModuleTree(graph, analysis);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const containerPath = (parent: string | undefined) =>
    parent === undefined ? '' : (tree.byModule.get(parent)?.path ?? parent);
  const nodes = analysis.order.map((id): NodeInfo => {
    const n = byId.get(id) as NonNullable<ReturnType<typeof byId.get>>;
    const { type, params } = normalizedParams(graph, n);
    const entry = n.shares === undefined ? tree.byNode.get(id) : undefined;
    const container = containerPath(n.parent);
    const ownerPath = n.shares !== undefined ? tree.byNode.get(n.shares)?.path : undefined;
    const label = entry?.path || (ownerPath ? `${ownerPath} (again)` : `${container ? `${container}.` : ''}${id}`);
    const raw = (n.shares !== undefined ? byId.get(n.shares)?.params : undefined) ?? n.params;
    // As written, in the layer's own parameter order (files sort their keys).
    const written = Object.fromEntries(
      [...Object.keys(params).filter((k) => k in raw), ...Object.keys(raw).filter((k) => !(k in params))].map((k) => [
        k,
        raw[k],
      ]),
    );
    return {
      id,
      type,
      params,
      signature: `${type}${stable(params)}`,
      path: entry?.path ?? '',
      container,
      written,
      label,
    };
  });
  const containers = new Map<string, string>();
  for (const [, e] of tree.byModule) containers.set(e.path, e.className);
  return { graph, analysis, nodes, containers };
}

/** Score of matching a with b (0: never). */
function score(a: NodeInfo, b: NodeInfo): number {
  if (a.type !== b.type) return 0;
  const samePath = a.path !== '' && a.path === b.path;
  const sameParams = a.signature === b.signature;
  const sameContainer = a.container === b.container;
  return (sameParams ? 4 : 1) + (samePath ? 2 : 0) + (sameContainer ? 1 : 0);
}

/** Weighted longest common subsequence of the two orders: the pairs of the best alignment. */
function align(a: NodeInfo[], b: NodeInfo[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const dp = new Float64Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(a[i], b[j]);
      const take = s > 0 ? s + dp[(i + 1) * w + j + 1] : 0;
      dp[i * w + j] = Math.max(take, dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = score(a[i], b[j]);
    if (s > 0 && dp[i * w + j] === s + dp[(i + 1) * w + j + 1]) pairs.push([i++, j++]);
    else if (dp[i * w + j] === dp[(i + 1) * w + j]) i++;
    else j++;
  }
  return pairs;
}

function paramChanges(a: Record<string, unknown>, b: Record<string, unknown>): ParamChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => stable(a[k]) !== stable(b[k])).map((k) => ({ param: k, old: a[k], new: b[k] }));
}

export function diffGraphs(graphA: Graph, graphB: Graph): GraphDiff {
  const A = side(graphA);
  const B = side(graphB);
  const pairs = align(A.nodes, B.nodes);
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));
  const nodes: NodeDiff[] = [];
  let unchanged = 0;
  for (const [i, j] of pairs) {
    const a = A.nodes[i];
    const b = B.nodes[j];
    const changes = paramChanges(a.params, b.params);
    const moved = a.container !== b.container ? { from: a.container, to: b.container } : undefined;
    if (changes.length === 0 && !moved) {
      unchanged++;
      continue;
    }
    nodes.push({
      status: changes.length > 0 ? 'changed' : 'moved',
      a: a.id,
      b: b.id,
      type: b.type,
      path: b.label,
      ...(changes.length > 0 ? { changes } : {}),
      ...(moved ? { moved } : {}),
    });
  }
  A.nodes.forEach((a, i) => {
    if (!matchedA.has(i)) nodes.push({ status: 'removed', a: a.id, type: a.type, path: a.label, params: a.written });
  });
  B.nodes.forEach((b, j) => {
    if (!matchedB.has(j)) nodes.push({ status: 'added', b: b.id, type: b.type, path: b.label, params: b.written });
  });
  const containers: ContainerDiff[] = [];
  for (const [path, className] of A.containers)
    if (!B.containers.has(path)) containers.push({ status: 'removed', path, className });
  for (const [path, className] of B.containers)
    if (!A.containers.has(path)) containers.push({ status: 'added', path, className });
  const totals = (s: Side) => ({
    nodes: s.graph.nodes.length,
    params: s.analysis.totalParams,
    macs: s.analysis.totalMacs,
  });
  return {
    nodes,
    containers,
    pairs: pairs.map(([i, j]) => [A.nodes[i].id, B.nodes[j].id]),
    unchanged,
    totals: { a: totals(A), b: totals(B) },
  };
}
