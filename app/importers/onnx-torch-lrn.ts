/**
 * torch.onnx.export's nn.LocalResponseNorm on [N, C, H, W] (torch 1.13, opset 13; F.local_response_norm
 * traced): x / (k + alpha * avg)^beta where avg = Reshape(If(Equal(Shape(A)[1], 1), Squeeze(A, 1), A),
 * [N, C, H, W]), A = AveragePool([size, 1, 1]) of Pad(Pad(Reshape(Unsqueeze(x * x, 1), [N, 1, C, H, -1]),
 * channels by size//2 before and (size-1)//2 after), zeros). The reshape targets are constants (a fixed
 * batch) or Concat(Unsqueeze(Gather(Shape(x), i)), ...) (a dynamic batch); both are evaluated with
 * the input's shape and must be exactly these. The pads must already be constants (onnx-fold.ts).
 */
import type { Shape } from '../graph/types';
import { closed, constValues, type GraphIndex, inputsOf, match, type Pattern } from './onnx-match';
import { attrs, f32, type OnnxNodeIn, tensorValues } from './onnx-types';

const X: Pattern = { x: true };
const TAIL: Pattern = {
  op: 'Div',
  args: [
    X,
    {
      op: 'Pow',
      args: [
        {
          op: 'Add',
          comm: true,
          args: [{ op: 'Mul', comm: true, args: [{ v: 'avg' }, { cap: 'alpha' }] }, { cap: 'k' }],
        },
        { cap: 'beta' },
      ],
    },
  ],
};

export interface TorchLrnMatch {
  input: string;
  nodes: number[];
  layer(inShape: Shape): { type: string; params: Record<string, unknown> } | undefined;
}

/** Symbolic shape values: numbers, and the input's dimensions by name until its shape is known. */
type Dim = number | 'N' | 'C' | 'H' | 'W';

export function matchTorchLrn(g: GraphIndex, k: number): TorchLrnMatch | undefined {
  const out = g.nodes[k].output?.[0];
  const tail = out ? match(g, TAIL, out, { nodes: [], caps: {}, named: {} }) : undefined;
  if (!tail?.x || !tail.vals?.avg) return undefined;
  const x = tail.x;
  const nodes = [...tail.nodes];
  const used = (name: string | undefined, op: string, arity?: number): OnnxNodeIn | undefined => {
    const j = name === undefined || g.inits.has(name) ? undefined : g.producer.get(name);
    const n = j === undefined ? undefined : g.nodes[j];
    if (!n || n.opType !== op || (n.domain ?? '') !== '' || (arity !== undefined && inputsOf(n).length !== arity))
      return undefined;
    nodes.push(j as number);
    return n;
  };
  // Shape expressions: Shape(x), Gather(., scalar), Unsqueeze(., [0]), Concat(axis 0), constants.
  const shapeOf = (name: string, depth = 0): Dim[] | undefined => {
    const c = g.inits.has(name) ? constValues(g, name) : undefined;
    if (c) return Array.from(c);
    const j = g.producer.get(name);
    const n = j === undefined ? undefined : g.nodes[j];
    // torch's chains are 3 deep (Concat <- Unsqueeze <- Gather <- Shape); a bound also stops cycles.
    if (!n || depth > 4) return undefined;
    const ins = inputsOf(n);
    nodes.push(j as number);
    if (n.opType === 'Shape' && ins[0] === x && !n.attribute?.length) return ['N', 'C', 'H', 'W'];
    if (n.opType === 'Gather' && Number(attrs(n).axis ?? 0) === 0) {
      const src = shapeOf(ins[0], depth + 1);
      const idx = constValues(g, ins[1]);
      return src && idx?.length === 1 && (g.inits.get(ins[1])?.dims ?? []).length === 0 ? [src[idx[0]]] : undefined;
    }
    if (n.opType === 'Unsqueeze' && ins.length === 2 && constValues(g, ins[1])?.join() === '0')
      return shapeOf(ins[0], depth + 1);
    if (n.opType === 'Concat' && Number(attrs(n).axis) === 0) {
      const parts = ins.map((i) => shapeOf(i, depth + 1));
      return parts.every((p) => p !== undefined) ? (parts as Dim[][]).flat() : undefined;
    }
    return undefined;
  };
  const r4 = used(tail.vals.avg, 'Reshape', 2);
  const iff = used(inputsOf(r4 ?? {})[0], 'If', 1);
  const a = iff && ifSqueeze(iff);
  const pool = a ? used(a, 'AveragePool', 1) : undefined;
  const eq = used(inputsOf(iff ?? {})[0], 'Equal', 2);
  const gat = used(inputsOf(eq ?? {})[0], 'Gather', 2);
  const shp = used(inputsOf(gat ?? {})[0], 'Shape', 1);
  const pad2 = used(inputsOf(pool ?? {})[0], 'Pad');
  const pad1 = used(inputsOf(pad2 ?? {})[0], 'Pad');
  const r5 = used(inputsOf(pad1 ?? {})[0], 'Reshape', 2);
  const un = used(inputsOf(r5 ?? {})[0], 'Unsqueeze', 2);
  const sq = used(inputsOf(un ?? {})[0], 'Mul', 2);
  if (!r4 || !pool || !eq || !gat || !shp || !pad2 || !pad1 || !r5 || !un || !sq || !a) return undefined;
  if (inputsOf(sq).some((i) => i !== x) || inputsOf(shp)[0] !== a || constValues(g, inputsOf(un)[1])?.join() !== '1')
    return undefined;
  if (constValues(g, inputsOf(gat)[1])?.join() !== '1' || constValues(g, inputsOf(eq)[1])?.join() !== '1')
    return undefined;
  const pa = attrs(pool);
  const kernel = Array.isArray(pa.kernel_shape) ? pa.kernel_shape : [];
  const size = kernel[0];
  if (
    kernel.length !== 3 ||
    kernel[1] !== 1 ||
    kernel[2] !== 1 ||
    !flat(pa.strides, 1) ||
    !flat(pa.pads, 0) ||
    Number(pa.ceil_mode ?? 0) !== 0
  )
    return undefined;
  const pads = [pad1, pad2].map((p) => padValues(p, g));
  const want = [0, 0, Math.floor(size / 2), 0, 0, 0, 0, Math.floor((size - 1) / 2), 0, 0];
  if (pads[0]?.join() !== want.join() || pads[1]?.some((v) => v !== 0) || pads[1]?.length !== 10) return undefined;
  const s5 = shapeOf(inputsOf(r5)[1]);
  const s4 = shapeOf(inputsOf(r4)[1]);
  const inside = closed(g, nodes, k);
  const [alpha, kk, beta] = ['alpha', 'k', 'beta'].map((c) => constValues(g, tail.caps[c]));
  if (!inside || !s5 || !s4 || [alpha, kk, beta].some((v) => v?.length !== 1)) return undefined;
  return {
    input: x,
    nodes: inside,
    layer(s) {
      if (s.length !== 3) return undefined;
      const dims = (d: Dim[]) => d.map((v) => (v === 'C' ? s[0] : v === 'H' ? s[1] : v === 'W' ? s[2] : v));
      // The batch entry: Shape(x)[0], or a constant (a fixed-batch export, -1 or 0): right for every batch it accepts.
      const batch = (v: Dim) => v === 'N' || (typeof v === 'number' && Number.isInteger(v) && v >= -1);
      const [d5, d4] = [dims(s5), dims(s4)];
      if (d5.length !== 5 || !batch(d5[0]) || d5.slice(1).join() !== [1, s[0], s[1], -1].join()) return undefined;
      if (d4.length !== 4 || !batch(d4[0]) || d4.slice(1).join() !== s.join()) return undefined;
      return {
        type: 'LocalResponseNorm',
        params: {
          size,
          alpha: f32((alpha as Float64Array)[0]),
          beta: f32((beta as Float64Array)[0]),
          k: f32((kk as Float64Array)[0]),
        },
      };
    },
  };
}

const flat = (v: unknown, d: number): boolean => v === undefined || (Array.isArray(v) && v.every((q) => q === d));

/** A constant-mode Pad's pads (constant value absent or 0), or undefined. */
function padValues(p: OnnxNodeIn, g: GraphIndex): number[] | undefined {
  const ins = inputsOf(p);
  const mode = attrs(p).mode ?? 'constant';
  const value = ins[2] ? constValues(g, ins[2]) : undefined;
  if (mode !== 'constant' || (ins[2] && value?.join() !== '0')) return undefined;
  const pads = constValues(g, ins[1]);
  return pads ? Array.from(pads) : undefined;
}

/** The value A of If(then: Squeeze(A, [1]), else: Identity(A)), or undefined. */
function ifSqueeze(n: OnnxNodeIn): string | undefined {
  const branch = (name: string) => (n.attribute ?? []).find((at) => at.name === name)?.g;
  const then = branch('then_branch');
  const other = branch('else_branch');
  const tn = (then?.node ?? []).filter((q) => q.opType !== 'Constant');
  const en = other?.node ?? [];
  if (tn.length !== 1 || en.length !== 1 || tn[0].opType !== 'Squeeze' || en[0].opType !== 'Identity') return undefined;
  const a = tn[0].input?.[0];
  if (
    !a ||
    en[0].input?.[0] !== a ||
    then?.output?.[0]?.name !== tn[0].output?.[0] ||
    other?.output?.[0]?.name !== en[0].output?.[0]
  )
    return undefined;
  const axesName = tn[0].input?.[1];
  const axesConst = (then?.node ?? [])
    .find((q) => q.opType === 'Constant' && q.output?.[0] === axesName)
    ?.attribute?.find((at) => at.name === 'value')?.t;
  const axes = axesConst ? Array.from(tensorValues(axesConst)) : (attrs(tn[0]).axes as number[] | undefined);
  return axes?.join() === '1' ? a : undefined;
}
