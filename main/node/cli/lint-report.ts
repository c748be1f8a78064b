/** `netloom inspect FILE --lint [--json]`: the network doctor's findings as text or JSON. */
import { lintGraph } from '../../../app/doctor/lint';
import type { Graph } from '../../../app/graph/types';
import type { GraphAnalysis } from '../../../app/shapes/types';

export interface LintReport {
  text: string;
  /** 1 when a finding (or a shape error) is an error, else 0. */
  status: number;
}

export function lintReport(graph: Graph, analysis: GraphAnalysis, json: boolean): LintReport {
  const { findings, silenced } = lintGraph(graph, { analysis });
  const shape = analysis.errors.map((e) => ({
    rule: 'shape',
    severity: 'error' as const,
    message: e.message,
    nodeIds: e.nodeId ? [e.nodeId] : [],
    fixes: e.fix ? [e.fix] : [],
  }));
  const all = [...shape, ...findings];
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  const status = count('error') > 0 ? 1 : 0;
  if (json) {
    const out = {
      findings: all.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        nodes: f.nodeIds,
        fixes: f.fixes,
      })),
      errors: count('error'),
      warnings: count('warning'),
      info: count('info'),
      silenced,
    };
    return { text: JSON.stringify(out), status };
  }
  const width = Math.max(0, ...all.map((f) => f.rule.length));
  const lines: string[] = [];
  for (const f of all) {
    lines.push(`${f.severity.padEnd(7)} ${f.rule.padEnd(width)}  ${f.message}`);
    const pad = ' '.repeat(8 + width + 2);
    if (f.nodeIds.length > 0)
      lines.push(
        `${pad}nodes: ${f.nodeIds.slice(0, 12).join(', ')}${f.nodeIds.length > 12 ? `, … (${f.nodeIds.length})` : ''}`,
      );
    for (const fix of f.fixes) lines.push(`${pad}fix: ${fix.label}`);
  }
  const n = all.length;
  lines.push(
    `${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info; silenced: ${silenced.length > 0 ? silenced.join(', ') : 'none'}`,
  );
  return { text: lines.join('\n'), status };
}
