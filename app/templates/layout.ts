/**
 * A clean top-down layout for template graphs: inputs on top, each node one row below its
 * deepest input (longest-path layering), nodes of a row ordered by the mean column of their
 * inputs (barycentre) and centred on x = 0. Deterministic and pure.
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
    const key = (id: string): number => {
      const xs = (preds.get(id) ?? []).map((p) => positions.get(p)?.x).filter((x): x is number => x !== undefined);
      return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const sorted = [...row].sort((a, b) => key(a) - key(b) || (docIndex.get(a) ?? 0) - (docIndex.get(b) ?? 0));
    sorted.forEach((id, i) => {
      positions.set(id, { x: (i - (sorted.length - 1) / 2) * COLUMN_WIDTH, y: r * ROW_HEIGHT });
    });
  });
  return positions;
}
