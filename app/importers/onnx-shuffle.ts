/**
 * ChannelShuffle as torchvision's shufflenet_v2 writes it (x.view(N, g, C/g, H, W).transpose(1, 2)
 * .contiguous().view(N, -1, H, W)) and as Netloom exports it: Reshape -> Transpose(perm 0, 2, 1, ...)
 * -> Reshape. The two target shapes may be constants (a fixed batch, Netloom's [0, g, C/g, ...]) or
 * torch.onnx's shape arithmetic on the live input (Shape -> Gather -> Div -> Cast -> Unsqueeze ->
 * Concat, with a dynamic batch), which is taken into the match and evaluated once the input's shape is
 * known, for two batch sizes: the batch entry must follow the batch, every other entry is fixed.
 */
import type { Shape } from '../graph/types';
import { closed, constValues, type GraphIndex, inputsOf } from './onnx-match';
import { attrs } from './onnx-types';

export interface ShuffleMatch {
  input: string;
  nodes: number[];
  layer(inShape: Shape): { type: string; params: Record<string, unknown> } | undefined;
}

const SHAPE_OPS = new Set(['Shape', 'Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Cast', 'Div', 'Mul', 'Slice']);

/** The nodes computing `value` from constants and Shape(x), or undefined when anything else feeds it. */
function shapeNodes(g: GraphIndex, value: string, x: string, seen = new Set<number>()): number[] | undefined {
  if (g.inits.has(value)) return [];
  const k = g.producer.get(value);
  if (k === undefined) return undefined;
  if (seen.has(k)) return [];
  const n = g.nodes[k];
  if (!SHAPE_OPS.has(n.opType ?? '') || (n.domain ?? '') !== '') return undefined;
  seen.add(k);
  if (n.opType === 'Shape') return inputsOf(n)[0] === x && attrs(n).start === undefined ? [k] : undefined;
  const out = [k];
  for (const i of inputsOf(n)) {
    if (i === '') continue;
    const sub = shapeNodes(g, i, x, seen);
    if (!sub) return undefined;
    out.push(...sub);
  }
  return out;
}

/** The value of a shape expression for an input of full shape `full`, or undefined. */
function evaluate(
  g: GraphIndex,
  value: string,
  full: number[],
  memo = new Map<string, number[]>(),
): number[] | undefined {
  const known = memo.get(value);
  if (known) return known;
  const c = g.inits.has(value) ? constValues(g, value) : undefined;
  if (c) return Array.from(c);
  const k = g.producer.get(value);
  if (k === undefined) return undefined;
  const n = g.nodes[k];
  const ins = inputsOf(n);
  const arg = (i: number) => (ins[i] ? evaluate(g, ins[i], full, memo) : undefined);
  const a = attrs(n);
  let out: number[] | undefined;
  switch (n.opType) {
    case 'Shape':
      out = full.slice();
      break;
    case 'Gather': {
      const d = arg(0);
      const idx = arg(1);
      if (d && idx && Number(a.axis ?? 0) === 0) out = idx.map((i) => d[i < 0 ? i + d.length : i]);
      break;
    }
    case 'Unsqueeze':
    case 'Squeeze':
    case 'Cast':
      out = arg(0);
      break;
    case 'Concat':
      if (Number(a.axis ?? 0) === 0) {
        const parts = ins.map((_, i) => arg(i));
        if (parts.every((p) => p !== undefined)) out = (parts as number[][]).flat();
      }
      break;
    case 'Div':
    case 'Mul': {
      const p = arg(0);
      const q = arg(1);
      if (p && q && (q.length === 1 || q.length === p.length)) {
        const at = (i: number) => q[q.length === 1 ? 0 : i];
        out = p.map((v, i) => (n.opType === 'Div' ? Math.trunc(v / at(i)) : v * at(i)));
      }
      break;
    }
    case 'Slice': {
      const d = arg(0);
      const s = arg(1);
      const e = arg(2);
      if (
        d &&
        s &&
        e &&
        s.length === 1 &&
        e.length === 1 &&
        (!ins[3] || arg(3)?.[0] === 0) &&
        (!ins[4] || arg(4)?.[0] === 1)
      ) {
        const clamp = (v: number) => Math.max(0, Math.min(d.length, v < 0 ? v + d.length : v));
        out = d.slice(clamp(s[0]), clamp(e[0]));
      }
      break;
    }
  }
  if (out) memo.set(value, out);
  return out;
}

/** A Reshape target for an input of shape `from`: 0 copies, one -1 is inferred. */
function resolve(target: number[], from: number[]): number[] | undefined {
  const r = target.map((d, i) => (d === 0 ? from[i] : d));
  const total = from.reduce((p, q) => p * q, 1);
  const holes = r.filter((d) => d === -1).length;
  if (holes > 1 || r.some((d) => d === undefined || d < -1)) return undefined;
  const known = r.filter((d) => d !== -1).reduce((p, q) => p * q, 1);
  return holes ? (total % known === 0 ? r.map((d) => (d === -1 ? total / known : d)) : undefined) : r;
}

/** Node k is the last Reshape of a channel shuffle. */
export function matchChannelShuffle(g: GraphIndex, k: number): ShuffleMatch | undefined {
  const last = g.nodes[k];
  if (last.opType !== 'Reshape') return undefined;
  const [tOut, s2] = inputsOf(last);
  const ti = g.producer.get(tOut ?? '');
  if (ti === undefined || g.nodes[ti].opType !== 'Transpose') return undefined;
  const perm = (attrs(g.nodes[ti]).perm as number[] | undefined) ?? [];
  if (perm.length < 4 || perm.some((p, i) => p !== (i === 1 ? 2 : i === 2 ? 1 : i))) return undefined;
  const ri = g.producer.get(inputsOf(g.nodes[ti])[0] ?? '');
  if (ri === undefined || g.nodes[ri].opType !== 'Reshape') return undefined;
  const [x, s1] = inputsOf(g.nodes[ri]);
  if (!x || !s1 || !s2 || g.inits.has(x)) return undefined;
  const a = shapeNodes(g, s1, x);
  const b = shapeNodes(g, s2, x);
  if (!a || !b) return undefined;
  const nodes = closed(g, [ri, ti, k, ...a, ...b], k);
  if (!nodes) return undefined;
  return {
    input: x,
    nodes,
    layer(inShape) {
      const [c, ...rest] = inShape;
      /** The groups when the shapes shuffle an input of batch size `batch`; Shape(x) reads x itself. */
      const groupsAt = (batch: number): number | undefined => {
        const full = [batch, ...inShape];
        const t1 = evaluate(g, s1, full);
        const split = t1 && resolve(t1, full);
        if (!split || split.length !== full.length + 1) return undefined;
        if (split[0] !== batch || split[1] * split[2] !== c || split.slice(3).join() !== rest.join()) return undefined;
        const swapped = [batch, split[2], split[1], ...rest];
        const t2 = evaluate(g, s2, full);
        const merged = t2 && resolve(t2, swapped);
        return merged && merged.join() === full.join() ? split[1] : undefined;
      };
      // A dynamic batch: the same groups at two batch sizes. A fixed one: the file's batch size.
      const a3 = groupsAt(3);
      let groups = a3 !== undefined && a3 === groupsAt(5) ? a3 : undefined;
      const fixed = evaluate(g, s1, [3, ...inShape])?.[0];
      if (groups === undefined && fixed !== undefined && fixed > 0) groups = groupsAt(fixed);
      return groups === undefined ? undefined : { type: 'ChannelShuffle', params: { groups } };
    },
  };
}
