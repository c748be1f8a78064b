import type { Graph } from '../../app/graph/types';
import type { GraphAnalysis } from '../../app/shapes/types';
import { analyzeGraph } from '../../app/shapes/analyze';
import { useEditor } from './index';

/**
 * analyzeGraph, memoised on what shapes depend on: a drag (positions only) reuses the last analysis;
 * any change to types, params, names, containers or edges recomputes it.
 */
export function createAnalyzer(): (g: Graph) => GraphAnalysis {
  let last: { graph: Graph; analysis: GraphAnalysis } | null = null;
  return (graph) => {
    if (last && (last.graph === graph || sameStructure(last.graph, graph))) {
      last = { graph, analysis: last.analysis };
      return last.analysis;
    }
    last = { graph, analysis: analyzeGraph(graph) };
    return last.analysis;
  };
}

function sameStructure(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.modules !== b.modules || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i],
      y = b.nodes[i];
    if (x === y) continue;
    if (
      x.id !== y.id ||
      x.type !== y.type ||
      x.params !== y.params ||
      x.parent !== y.parent ||
      x.name !== y.name ||
      x.shares !== y.shares ||
      x.functional !== y.functional
    )
      return false;
  }
  return true;
}

export const analyze = createAnalyzer();

/** The analysis of the current document (recomputed per document change). */
export function useAnalysis(): GraphAnalysis {
  return analyze(useEditor((s) => s.graph));
}
