/**
 * Constant folding for the small shape-building subgraphs exporters leave in a model: torch.onnx
 * (1.13, opset 13) writes nn.ZeroPad2d's pads as Constant -> ConstantOfShape -> Concat -> Reshape
 * -> Slice (reversed) -> Transpose -> Reshape -> Cast into Pad. A node of FOLDED_OPS whose inputs
 * are all constants is evaluated here, so its reader sees a plain constant. torch.onnx's chunk
 * (Shape, Gather, Add, Div, Mul into Slice bounds) folds the same way once the importer knows the
 * live input's shape (onnx-slice.ts). Anything unexpected
 * (an unknown data type, a shape that does not fit) leaves the node unfolded: the importer then
 * reports it as an unsupported operator, as before.
 */
import { type OnnxNodeIn, type OnnxTensorIn, attrs, tensorValues } from './onnx-types';

export const FOLDED_OPS = new Set([
  'ConstantOfShape',
  'Concat',
  'Reshape',
  'Slice',
  'Transpose',
  'Cast',
  'Add',
  'Sub',
  'Mul',
  'Unsqueeze',
  'Squeeze',
  'Gather',
  'Div',
]);

interface T {
  dims: number[];
  values: number[];
  dataType: number;
}

/** FLOAT, INT32, INT64, DOUBLE: the types folded. */
const TYPES = new Set([1, 6, 7, 11]);
const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
const strides = (dims: number[]) => dims.map((_, i) => size(dims.slice(i + 1)));

function read(t: OnnxTensorIn | undefined): T | undefined {
  if (!t || !TYPES.has(t.dataType ?? 1)) return undefined;
  const dims = (t.dims ?? []).map(Number);
  const values = Array.from(tensorValues(t));
  return values.length === size(dims) ? { dims, values, dataType: t.dataType ?? 1 } : undefined;
}

function write(name: string, t: T): OnnxTensorIn {
  const key =
    t.dataType === 1 ? 'floatData' : t.dataType === 6 ? 'int32Data' : t.dataType === 7 ? 'int64Data' : 'doubleData';
  return { name, dims: t.dims, dataType: t.dataType, [key]: t.values };
}

/** Element i of `t` read at the multi-index of `idx` in `dims` (used by Slice and Transpose). */
function gather(t: T, outDims: number[], source: (index: number[]) => number[]): number[] {
  const os = strides(outDims);
  const is = strides(t.dims);
  return Array.from({ length: size(outDims) }, (_, flat) => {
    const index = os.map((s, a) => Math.floor(flat / s) % outDims[a]);
    return t.values[source(index).reduce((acc, v, a) => acc + v * is[a], 0)];
  });
}

function evaluate(op: string, a: ReturnType<typeof attrs>, ins: (T | undefined)[], node: OnnxNodeIn): T | undefined {
  const [x, y] = ins;
  if (!x) return undefined;
  switch (op) {
    case 'ConstantOfShape': {
      const v = read((node.attribute ?? []).find((at) => at.name === 'value')?.t);
      return { dims: x.values, values: new Array(size(x.values)).fill(v?.values[0] ?? 0), dataType: v?.dataType ?? 1 };
    }
    case 'Cast':
      return TYPES.has(Number(a.to))
        ? {
            ...x,
            values: Number(a.to) === 1 || Number(a.to) === 11 ? x.values : x.values.map(Math.trunc),
            dataType: Number(a.to),
          }
        : undefined;
    case 'Concat': {
      if (ins.some((t) => !t || t.dims.length !== 1)) return undefined;
      const all = ins as T[];
      return {
        dims: [all.reduce((n, t) => n + t.dims[0], 0)],
        values: all.flatMap((t) => t.values),
        dataType: x.dataType,
      };
    }
    case 'Reshape': {
      if (!y) return undefined;
      const dims = y.values.map((d, i) => (d === 0 ? x.dims[i] : d));
      const known = size(dims.filter((d) => d !== -1));
      const out = dims.map((d) => (d === -1 ? x.values.length / known : d));
      return size(out) === x.values.length && out.every(Number.isInteger) ? { ...x, dims: out } : undefined;
    }
    case 'Unsqueeze':
    case 'Squeeze': {
      const axes = (y ? y.values : ((a.axes as number[] | undefined) ?? [])).map((v) =>
        v < 0 ? v + x.dims.length + (op === 'Unsqueeze' ? 1 : 0) : v,
      );
      if (op === 'Squeeze') return { ...x, dims: x.dims.filter((d, i) => !(axes.length ? axes.includes(i) : d === 1)) };
      const dims = [...x.dims];
      for (const ax of [...axes].sort((p, q) => p - q)) dims.splice(ax, 0, 1);
      return { ...x, dims };
    }
    case 'Transpose': {
      const perm = (a.perm as number[] | undefined) ?? x.dims.map((_, i) => x.dims.length - 1 - i);
      const dims = perm.map((p) => x.dims[p]);
      return {
        ...x,
        dims,
        values: gather(x, dims, (index) => {
          const src = new Array<number>(index.length);
          perm.forEach((p, i) => (src[p] = index[i]));
          return src;
        }),
      };
    }
    case 'Slice': {
      const [, starts, ends, axesT, stepsT] = ins;
      if (!starts || !ends) return undefined;
      const r = x.dims.length;
      const axes = axesT ? axesT.values.map((v) => (v < 0 ? v + r : v)) : starts.values.map((_, i) => i);
      const begin = x.dims.map(() => 0);
      const step = x.dims.map(() => 1);
      const dims = [...x.dims];
      for (const [i, ax] of axes.entries()) {
        const n = x.dims[ax];
        const s = stepsT ? stepsT.values[i] : 1;
        if (!s) return undefined;
        const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
        const b0 = s > 0 ? clamp(starts.values[i], 0, n) : clamp(starts.values[i], -1, n - 1);
        const e0 = s > 0 ? clamp(ends.values[i], 0, n) : clamp(ends.values[i], -1, n - 1);
        begin[ax] = b0;
        step[ax] = s;
        dims[ax] = Math.max(0, Math.ceil((e0 - b0) / s));
      }
      return { ...x, dims, values: gather(x, dims, (index) => index.map((v, ax) => begin[ax] + v * step[ax])) };
    }
    case 'Gather': {
      // Entries of a shape vector (torch.onnx's x.size(1)): a 1-D x, scalar or 1-D indices.
      if (!y || x.dims.length !== 1 || Number(a.axis ?? 0) !== 0) return undefined;
      const n = x.dims[0];
      const values = y.values.map((i) => x.values[i < 0 ? i + n : i]);
      return values.some((v) => v === undefined) ? undefined : { dims: y.dims, values, dataType: x.dataType };
    }
    case 'Div': {
      // Integer division truncates, as ONNX's Div on int64 does.
      if (!y || (x.values.length !== y.values.length && y.values.length !== 1) || y.values.some((v) => v === 0))
        return undefined;
      const int = x.dataType === 6 || x.dataType === 7;
      const values = x.values.map((v, i) => v / y.values[y.values.length === 1 ? 0 : i]);
      return { ...x, values: int ? values.map(Math.trunc) : values };
    }
    case 'Add':
    case 'Sub':
    case 'Mul': {
      if (!y || (x.values.length !== y.values.length && x.values.length !== 1 && y.values.length !== 1))
        return undefined;
      const f =
        op === 'Add'
          ? (p: number, q: number) => p + q
          : op === 'Sub'
            ? (p: number, q: number) => p - q
            : (p: number, q: number) => p * q;
      const n = Math.max(x.values.length, y.values.length);
      const big = x.values.length >= y.values.length ? x : y;
      return {
        dims: big.dims,
        values: Array.from({ length: n }, (_, i) =>
          f(x.values[x.values.length === 1 ? 0 : i], y.values[y.values.length === 1 ? 0 : i]),
        ),
        dataType: x.dataType,
      };
    }
    default:
      return undefined;
  }
}

/** The constant a FOLDED_OPS node computes from constant inputs (named as its output), or undefined. */
export function foldConstant(n: OnnxNodeIn, get: (name: string) => OnnxTensorIn | undefined): OnnxTensorIn | undefined {
  const op = n.opType ?? '';
  const out = n.output?.[0];
  if (!out || !FOLDED_OPS.has(op) || (n.domain ?? '') !== '') return undefined;
  const names = n.input ?? [];
  if (names.some((x) => x !== '' && !get(x))) return undefined;
  const ins = names.map((x) => (x === '' ? undefined : read(get(x))));
  if (names.some((x, i) => x !== '' && !ins[i])) return undefined;
  try {
    const t = evaluate(op, attrs(n), ins, n);
    return t && t.values.length === size(t.dims) && t.values.every(Number.isFinite) ? write(out, t) : undefined;
  } catch {
    return undefined;
  }
}
