/**
 * ReLU fusion: a Conv2d or Linear whose only consumer is a ReLU gets the ReLU as its layer's
 * activation (one layer instead of two; under a gradient tape tfjs then skips the fused
 * kernel's custom gradient, which computes the input gradient even where none is needed).
 * Only where nothing else sees the pre-activation value: the producer feeds just this ReLU,
 * is not a model output, and neither node is shared (`shares`).
 */
import type { Graph } from '../../graph/types';

/** Producer node id -> the ReLU node id fused into it. */
export function reluFusions(graph: Pick<Graph, 'nodes' | 'edges'>): Map<string, string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    outs.set(e.source, [...(outs.get(e.source) ?? []), e.target]);
    ins.set(e.target, [...(ins.get(e.target) ?? []), e.source]);
  }
  const shared = new Set(graph.nodes.flatMap((n) => (n.shares ? [n.shares, n.id] : [])));
  const fused = new Map<string, string>();
  for (const r of graph.nodes) {
    if (r.type !== 'ReLU' || shared.has(r.id)) continue;
    const src = ins.get(r.id) ?? [];
    if (src.length !== 1) continue;
    const p = byId.get(src[0]);
    if (!p || (p.type !== 'Conv2d' && p.type !== 'Linear') || shared.has(p.id)) continue;
    if ((outs.get(p.id) ?? []).length !== 1) continue;
    fused.set(p.id, r.id);
  }
  return fused;
}
