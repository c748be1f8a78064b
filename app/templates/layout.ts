/**
 * A clean top-down layout for template graphs: inputs on top, each node one row below its
 * deepest input (longest-path layering). In each row a node wants the mean column of its inputs
 * (barycentre), so chains run straight down and branches fan out; nodes are kept at least one
 * column apart, and the row is shifted so that on average each node sits where it wants.
 * Deterministic and pure.
 */
import type { Graph, Position } from '../graph/types';
import { topoOrder } from '../graph/topo';

export const ROW_HEIGHT = 110;
export const COLUMN_WIDTH = 240;

export function layoutTopDown(graph: Pick<Graph, 'nodes' | 'edges'>): Map<string, Position> {
  const { order, cyclic } = topoOrder(graph);
  const preds = new Map<string, string[]>();
  for (const n of graph.nodes) preds.set(n.id, []);
  for (const e of graph.edges) preds.get(e.target)?.push(e.source);

  const rank = new Map<string, number>();
  for (const id of [...order, ...cyclic]) {
    let r = 0;
    for (const p of preds.get(id) ?? []) {
      const pr = rank.get(p);
      if (pr !== undefined) r = Math.max(r, pr + 1);
    }
    rank.set(id, r);
  }

  const rows: string[][] = [];
  for (const id of [...order, ...cyclic]) {
    const r = rank.get(id) ?? 0;
    (rows[r] ??= []).push(id);
  }

  const docIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const positions = new Map<string, Position>();
  rows.forEach((row, r) => {
    const want = (id: string): number => {
      const xs = (preds.get(id) ?? []).map((p) => positions.get(p)?.x).filter((x): x is number => x !== undefined);
      return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const sorted = row
      .map((id) => ({ id, want: want(id) }))
      .sort((a, b) => a.want - b.want || (docIndex.get(a.id) ?? 0) - (docIndex.get(b.id) ?? 0));
    const xs: number[] = [];
    sorted.forEach((n, i) => xs.push(i === 0 ? n.want : Math.max(n.want, xs[i - 1] + COLUMN_WIDTH)));
    const shift = sorted.reduce((acc, n, i) => acc + n.want - xs[i], 0) / sorted.length;
    sorted.forEach((n, i) => positions.set(n.id, { x: Math.round(xs[i] + shift), y: r * ROW_HEIGHT }));
  });
  return positions;
}
