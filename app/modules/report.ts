/**
 * What `netloom inspect` prints, as pure functions: the `--json` report and the torchinfo-like
 * table (module name, type, output shape `[N, C, H, W]`, parameters, then totals).
 */
import type { Graph, Shape } from '../graph/types';
import type { GraphAnalysis, GraphError } from '../shapes/types';
import { countParameters, namedModules } from './query';
import type { ModuleEntry, ModuleTree } from './tree';

export interface InspectNode {
  id: string;
  type: string;
  /** Per sample, PyTorch order, no batch dimension; null when unknown. */
  shape: Shape | null;
  params: number;
  macs: number;
  error: string | null;
}

export interface InspectReport {
  nodes: InspectNode[];
  total_params: number;
  trainable_params: number;
  total_macs: number;
  errors: { nodeId: string | null; edgeId: string | null; message: string; fix: string | null }[];
}

export function errorJson(e: GraphError): InspectReport['errors'][number] {
  return { nodeId: e.nodeId ?? null, edgeId: e.edgeId ?? null, message: e.message, fix: e.fix?.label ?? null };
}

/** The `--json` report: one entry per node in document order. */
export function inspectReport(graph: Graph, analysis: GraphAnalysis): InspectReport {
  return {
    nodes: graph.nodes.map((n) => {
      const a = analysis.nodes.get(n.id);
      return {
        id: n.id,
        type: n.type,
        shape: a?.shape ?? null,
        params: a?.params ?? 0,
        macs: a?.macs ?? 0,
        error: a?.error?.message ?? null,
      };
    }),
    total_params: analysis.totalParams,
    trainable_params: analysis.trainableParams,
    total_macs: analysis.totalMacs,
    errors: analysis.errors.map(errorJson),
  };
}

/** `1,234,567` */
export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `[N, 6, 28, 28]`, or `?` when unknown. */
export const batchShape = (s: Shape | null | undefined): string =>
  s ? `[${['N', ...s.map(String)].join(', ')}]` : '?';

/** The output shape of each container: the output of its last node in execution order. */
function containerOutputs(graph: Graph, analysis: GraphAnalysis): Map<string, Shape | null> {
  const parentOf = new Map(graph.modules.map((m) => [m.id, m.parent]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Shape | null>();
  for (const id of analysis.order) {
    const shape = analysis.nodes.get(id)?.shape ?? null;
    out.set('', shape);
    const seen = new Set<string>();
    for (let m = nodes.get(id)?.parent; m !== undefined && !seen.has(m); m = parentOf.get(m)) {
      seen.add(m);
      out.set(m, shape);
    }
  }
  return out;
}

/** The human table of `netloom inspect`. */
export function summaryTable(graph: Graph, analysis: GraphAnalysis, tree: ModuleTree): string {
  const outputs = containerOutputs(graph, analysis);
  const shapeOf = (m: ModuleEntry): string => {
    if (m.nodeId !== undefined) return batchShape(analysis.nodes.get(m.nodeId)?.shape);
    return batchShape(outputs.get(m.moduleId ?? ''));
  };
  const rows = namedModules(tree).map(([path, m]) => {
    const depth = path === '' ? 0 : path.split('.').length;
    const name = path === '' ? '(root)' : `${'  '.repeat(depth - 1)}${path}`;
    const count = countParameters(m).total;
    return [name, m.className, shapeOf(m), count === 0 && m.kind !== 'layer' ? '--' : thousands(count)];
  });
  const head = ['Module', 'Type', 'Output Shape', 'Param #'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  const rule = '='.repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1));
  const lines = [rule, line(head), rule, ...rows.map(line), rule];
  lines.push(`Total params: ${thousands(analysis.totalParams)}`);
  lines.push(`Trainable params: ${thousands(analysis.trainableParams)}`);
  lines.push(`Non-trainable params: ${thousands(analysis.totalParams - analysis.trainableParams)}`);
  lines.push(`Total mult-adds (M): ${(analysis.totalMacs / 1e6).toFixed(2)}`);
  lines.push(rule);
  if (analysis.errors.length > 0) {
    lines.push(`${analysis.errors.length} error${analysis.errors.length === 1 ? '' : 's'}:`);
    for (const e of analysis.errors) lines.push(`  ${e.message}`);
  }
  return lines.join('\n');
}

/** JSON with two-space indent, but arrays of numbers (shapes) kept on one line: `"shape": [6, 28, 28]`. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`,
  );
}
