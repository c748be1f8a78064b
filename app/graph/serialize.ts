import type { Graph, GraphEdge, GraphNode, ModuleDef, RunRef } from './types';

/**
 * Project file text: fixed key order for the document's own structures, sorted keys inside free-form
 * records (params, training, dataset), 2-space indent, trailing newline, no undefined fields.
 * The same document always gives the same bytes, so files diff cleanly.
 */
export function serializeProject(graph: Graph): string {
  return `${write(documentOf(graph), '')}\n`;
}

/** An object whose keys are written in the given order (plain objects are written with sorted keys). */
class Ordered {
  constructor(readonly entries: [string, unknown][]) {}
}

const ordered = (pairs: [string, unknown][]) => new Ordered(pairs.filter(([, v]) => v !== undefined));

function documentOf(g: Graph): Ordered {
  return ordered([
    ['format', g.format],
    ['version', g.version],
    ['name', g.name],
    ['description', g.description],
    ['nodes', g.nodes.map(nodeOf)],
    ['edges', g.edges.map(edgeOf)],
    ['modules', g.modules.map(moduleOf)],
    ['training', g.training],
    ['dataset', g.dataset],
    ['runs', g.runs?.map(runOf)],
  ]);
}

const nodeOf = (n: GraphNode) =>
  ordered([
    ['id', n.id],
    ['type', n.type],
    ['name', n.name],
    ['parent', n.parent],
    ['shares', n.shares],
    ['functional', n.functional],
    ['params', n.params],
    ['position', ordered([['x', n.position.x], ['y', n.position.y]])],
  ]);

const edgeOf = (e: GraphEdge) =>
  ordered([['id', e.id], ['source', e.source], ['target', e.target], ['targetPort', e.targetPort]]);

const moduleOf = (m: ModuleDef) =>
  ordered([
    ['id', m.id],
    ['name', m.name],
    ['kind', m.kind],
    ['className', m.className],
    ['parent', m.parent],
    ['collapsed', m.collapsed],
  ]);

const runOf = (r: RunRef) =>
  ordered([['id', r.id], ['dir', r.dir], ['createdAt', r.createdAt], ['status', r.status], ['summary', r.summary]]);

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // Short arrays of numbers (shapes, kernel sizes) stay on one line.
    if (v.length <= 8 && v.every((x) => typeof x === 'number')) return `[${v.map((x) => write(x, inner)).join(', ')}]`;
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries =
    v instanceof Ordered
      ? v.entries
      : Object.keys(v as object)
          .sort()
          .map((k): [string, unknown] => [k, (v as Record<string, unknown>)[k]])
          .filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  // Positions and other small all-number objects stay on one line.
  if (v instanceof Ordered && entries.length <= 4 && entries.every(([, x]) => typeof x === 'number')) {
    return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${write(x, inner)}`).join(', ')} }`;
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
}
