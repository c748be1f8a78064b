/**
 * torch.onnx writes torch.chunk (opset 13) as one Slice per piece, its bounds computed from the
 * live input's shape (Shape, Gather, Add, Div, Mul: folded once the shape is known, onnx-fold.ts).
 * Each such Slice is imported as a Split that cuts out exactly its piece (`slicePiece`), and the
 * Splits that cut one value along one dim into adjacent pieces are merged into one Split with an
 * output per piece (`mergeSlicePieces`), as the Chunk it came from.
 */
import type { Graph, GraphEdge, Shape } from '../graph/types';

/** The shape vector of a value of per-sample shape `s`: the batch, unknown, is NaN (arithmetic on it does not fold). */
export const shapeVector = (s: Shape): number[] => [Number.NaN, ...s];

/** A Slice of one axis with step 1 as the Split that cuts out its piece: the sections and the output that is the piece. */
export function slicePiece(
  inputs: string[],
  inShape: Shape,
  constant: (name: string) => Float64Array | undefined,
): { params: { split_size_or_sections: number[]; dim: number }; port: number } | undefined {
  const [, s, e, ax, st] = inputs.map((x) => (x ? constant(x) : undefined));
  if (!s || !e || s.length !== 1 || e.length !== 1) return undefined;
  if (inputs[4] && (!st || st[0] !== 1)) return undefined;
  const rank = inShape.length + 1;
  const axis0 = inputs[3] ? ax?.[0] : 0;
  if (axis0 === undefined) return undefined;
  const axis = axis0 < 0 ? axis0 + rank : axis0;
  if (axis <= 0 || axis >= rank) return undefined;
  const n = inShape[axis - 1];
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const start = clamp(s[0]);
  const end = clamp(e[0]);
  if (!(end > start)) return undefined;
  const sections = [start, end - start, n - end].filter((x) => x > 0);
  return { params: { split_size_or_sections: sections, dim: axis }, port: start > 0 ? 1 : 0 };
}

/** Merges the Splits of `ids` that cut the same value along the same dim into adjacent, non-overlapping pieces. */
export function mergeSlicePieces(g: Graph, ids: ReadonlySet<string>): { graph: Graph; removed: Set<string> } {
  const removed = new Set<string>();
  const into = new Map(g.edges.map((e) => [e.target, e]));
  const groups = new Map<string, string[]>();
  for (const n of g.nodes) {
    if (!ids.has(n.id)) continue;
    const src = into.get(n.id);
    const key = `${src?.source}\u0000${src?.sourcePort ?? 0}\u0000${String(n.params.dim)}`;
    groups.set(key, [...(groups.get(key) ?? []), n.id]);
  }
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // The piece [a, b) each member uses.
  const piece = (id: string): [number, number] => {
    const sections = byId.get(id)?.params.split_size_or_sections as number[];
    const port = g.edges.find((e) => e.source === id)?.sourcePort ?? 0;
    const a = sections.slice(0, port).reduce((p, q) => p + q, 0);
    return [a, a + sections[port]];
  };
  let edges: GraphEdge[] = g.edges;
  const params = new Map<string, Record<string, unknown>>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const pieces = members.map(piece).sort((p, q) => p[0] - q[0]);
    const total = (byId.get(members[0])?.params.split_size_or_sections as number[]).reduce((p, q) => p + q, 0);
    if (pieces.some(([a], i) => i > 0 && a < pieces[i - 1][1])) continue;
    const cuts = [...new Set([0, ...pieces.flat(), total])].sort((p, q) => p - q);
    const sections = cuts.slice(1).map((c, i) => c - cuts[i]);
    const keep = members[0];
    params.set(keep, { ...byId.get(keep)?.params, split_size_or_sections: sections });
    for (const id of members) {
      const port = cuts.indexOf(piece(id)[0]);
      edges = edges.map((e) =>
        e.source === id ? { ...e, source: keep, ...(port ? { sourcePort: port } : { sourcePort: undefined }) } : e,
      );
      if (id !== keep) removed.add(id);
    }
  }
  if (removed.size === 0 && params.size === 0) return { graph: g, removed };
  return {
    graph: {
      ...g,
      nodes: g.nodes
        .filter((n) => !removed.has(n.id))
        .map((n) => (params.has(n.id) ? { ...n, params: params.get(n.id) as Record<string, unknown> } : n)),
      edges: edges
        .filter((e) => !removed.has(e.target))
        .map((e) => {
          if (e.sourcePort !== undefined) return e;
          const { sourcePort: _drop, ...rest } = e;
          return rest;
        }),
    },
    removed,
  };
}
