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
    ['doctor', g.doctor],
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
    [
      'position',
      ordered([
        ['x', n.position.x],
        ['y', n.position.y],
      ]),
    ],
  ]);

const edgeOf = (e: GraphEdge) =>
  ordered([
    ['id', e.id],
    ['source', e.source],
    ['target', e.target],
    ['targetPort', e.targetPort],
    ['sourcePort', e.sourcePort],
  ]);

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
  ordered([
    ['id', r.id],
    ['dir', r.dir],
    ['createdAt', r.createdAt],
    ['status', r.status],
    ['summary', r.summary],
  ]);

function write(v: unknown, indent: string): string {
  const out: string[] = [];
  emit(v, indent, out);
  return out.join('');
}

const scalar = (v: unknown): string | null => {
  if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  return null;
};

/** Appends the JSON text of `v` to `out` (pieces joined once at the end: linear in the output size). */
function emit(v: unknown, indent: string, out: string[]): void {
  const s = scalar(v);
  if (s !== null) {
    out.push(s);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) out.push('[]');
    // Short arrays of numbers (shapes, kernel sizes) stay on one line.
    else if (v.length <= 8 && v.every((x) => typeof x === 'number'))
      out.push(`[${v.map((x) => scalar(x)).join(', ')}]`);
    else {
      out.push('[\n');
      v.forEach((x, i) => {
        out.push(inner);
        emit(x, inner, out);
        out.push(i < v.length - 1 ? ',\n' : '\n');
      });
      out.push(`${indent}]`);
    }
    return;
  }
  const entries =
    v instanceof Ordered
      ? v.entries
      : Object.keys(v as object)
          .sort()
          .map((k): [string, unknown] => [k, (v as Record<string, unknown>)[k]])
          .filter(([, x]) => x !== undefined);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  // Positions and other small all-number objects stay on one line.
  if (v instanceof Ordered && entries.length <= 4 && entries.every(([, x]) => typeof x === 'number')) {
    out.push(`{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${scalar(x)}`).join(', ')} }`);
    return;
  }
  out.push('{\n');
  entries.forEach(([k, x], i) => {
    out.push(`${inner}${JSON.stringify(k)}: `);
    emit(x, inner, out);
    out.push(i < entries.length - 1 ? ',\n' : '\n');
  });
  out.push(`${indent}}`);
}
