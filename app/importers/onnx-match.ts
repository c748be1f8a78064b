/**
 * Matching a small ONNX subgraph against an expression pattern, from its last node backwards:
 * operators (commutative ones tried both ways), the one data input `x` (the same value wherever it
 * appears), scalar constants of an exact value, captured constants and captured nodes. A match
 * only counts when every value inside it is read by nothing outside it and is no graph output.
 */
import { type Attrs, attrs, type OnnxNodeIn, type OnnxTensorIn, tensorValues } from './onnx-types';

export type Pattern =
  | { op: string; args: Pattern[]; comm?: boolean; when?: (a: Attrs) => boolean; as?: string }
  | { x: true }
  | { c: number }
  | { cap: string }
  /** Any computed (not constant) value, kept by name for the caller to follow. */
  | { v: string }
  | { empty: true }
  | { any: Pattern[] };

export interface Match {
  x?: string;
  /** Node indices inside the match. */
  nodes: number[];
  /** Captured constants (value names) and nodes (indices) by their names in the pattern. */
  caps: Record<string, string>;
  named: Record<string, number>;
  /** Computed values captured by `{ v }`. */
  vals?: Record<string, string>;
}

export interface GraphIndex {
  nodes: OnnxNodeIn[];
  inits: Map<string, OnnxTensorIn>;
  producer: Map<string, number>;
  consumers: Map<string, number[]>;
  outputs: Set<string>;
}

export function indexGraph(nodes: OnnxNodeIn[], inits: Map<string, OnnxTensorIn>, outputs: string[]): GraphIndex {
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, k) => {
    for (const o of n.output ?? []) if (o) producer.set(o, k);
    for (const i of n.input ?? []) if (i) consumers.set(i, [...(consumers.get(i) ?? []), k]);
  });
  return { nodes, inits, producer, consumers, outputs: new Set(outputs) };
}

/** The node's inputs without trailing empty (omitted optional) ones. */
export function inputsOf(n: OnnxNodeIn): string[] {
  const ins = [...(n.input ?? [])];
  while (ins.length && ins[ins.length - 1] === '') ins.pop();
  return ins;
}

export const constValues = (g: GraphIndex, name: string): Float64Array | undefined => {
  const t = g.inits.get(name);
  return t ? tensorValues(t) : undefined;
};

/** Equal within float32 rounding (the exporters write float32 constants). */
export const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

export function match(g: GraphIndex, p: Pattern, value: string, m: Match): Match | undefined {
  if ('any' in p) {
    for (const alt of p.any) {
      const r = match(g, alt, value, m);
      if (r) return r;
    }
    return undefined;
  }
  if ('empty' in p) return value === '' || (g.inits.has(value) && constValues(g, value)?.length === 0) ? m : undefined;
  if (value === '') return undefined;
  if ('x' in p) {
    if (g.inits.has(value) || (m.x !== undefined && m.x !== value)) return undefined;
    return { ...m, x: value };
  }
  if ('c' in p) {
    const v = g.inits.has(value) ? constValues(g, value) : undefined;
    return v && v.length === 1 && near(v[0], p.c) ? m : undefined;
  }
  if ('v' in p) return g.inits.has(value) ? undefined : { ...m, vals: { ...m.vals, [p.v]: value } };
  if ('cap' in p) {
    if (!g.inits.has(value) || (m.caps[p.cap] !== undefined && m.caps[p.cap] !== value)) return undefined;
    return { ...m, caps: { ...m.caps, [p.cap]: value } };
  }
  const k = g.producer.get(value);
  if (k === undefined || g.inits.has(value)) return undefined;
  const n = g.nodes[k];
  if (n.opType !== p.op || (n.domain ?? '') !== '' || (n.output ?? []).length !== 1) return undefined;
  if (p.when && !p.when(attrs(n))) return undefined;
  const ins = inputsOf(n);
  if (ins.length !== p.args.length) return undefined;
  const orders = p.comm && ins.length === 2 ? [ins, [ins[1], ins[0]]] : [ins];
  for (const order of orders) {
    let cur: Match | undefined = { ...m, nodes: [...m.nodes, k], named: p.as ? { ...m.named, [p.as]: k } : m.named };
    for (let i = 0; cur && i < order.length; i++) cur = match(g, p.args[i], order[i], cur);
    if (cur) return cur;
  }
  return undefined;
}

/** Matches `p` at node `k`'s output; the match must be closed (no value inside it escapes). */
export function matchAt(g: GraphIndex, p: Pattern, k: number): Match | undefined {
  const out = g.nodes[k].output?.[0];
  if (!out) return undefined;
  const m = match(g, p, out, { nodes: [], caps: {}, named: {} });
  if (!m || m.x === undefined) return undefined;
  const inside = closed(g, m.nodes, k);
  return inside ? { ...m, nodes: inside } : undefined;
}

/** The nodes (deduplicated) when no output but node `k`'s leaves them (read outside or a graph output). */
export function closed(g: GraphIndex, nodes: number[], k: number): number[] | undefined {
  const inside = new Set(nodes);
  for (const j of inside) {
    if (j === k) continue;
    for (const o of g.nodes[j].output ?? []) {
      if (g.outputs.has(o) || (g.consumers.get(o) ?? []).some((c) => !inside.has(c))) return undefined;
    }
  }
  return [...inside];
}
