/**
 * Constant folding for the small shape-building subgraphs exporters leave in a model: torch.onnx
 * (1.13, opset 13) writes nn.ZeroPad2d's pads as Constant -> ConstantOfShape -> Concat -> Reshape
 * -> Slice (reversed) -> Transpose -> Reshape -> Cast into Pad. A node of FOLDED_OPS whose inputs
 * are all constants is evaluated here, so its reader sees a plain constant. Anything unexpected
 * (an unknown data type, a shape that does not fit) leaves the node unfolded: the importer then
 * reports it as an unsupported operator, as before.
 *
 * Shape arithmetic on the live input is evaluated too where the importer knows the value's
 * per-sample shape (`shapeOf`): `Shape(x)` is [N, ...shape] with N, the batch size, kept as a
 * symbol (`batch`: the flat indices of the elements that are N). N moves through Gather, Unsqueeze,
 * Squeeze, Concat, Slice, Reshape, Transpose, Cast and Identity; arithmetic on it (N / 2) is not
 * folded. torch.onnx writes `x.chunk(2, 1)` (Shape, Gather, Add, Div, Mul into Slice bounds:
 * onnx-slice.ts), `x.view(x.size(0), -1)` and ShuffleNet's channel shuffle this way.
 */
import { type OnnxNodeIn, type OnnxTensorIn, attrs, tensorValues } from './onnx-types';

export const FOLDED_OPS = new Set([
  'Shape',
  'Gather',
  'Div',
  'Identity',
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
]);

interface T {
  dims: number[];
  values: number[];
  dataType: number;
}

/** A folded value that holds the batch size N at the flat indices `batch` (0 written there). */
export interface SymbolicTensor extends OnnxTensorIn {
  batch: number[];
}

/** Ops through which the batch size moves as a value (only their first input may hold it; Concat's all). */
const CARRY_BATCH = new Set([
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Slice',
  'Reshape',
  'Transpose',
  'Cast',
  'Identity',
]);

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
    case 'Identity':
      return x;
    case 'Gather': {
      if (!y) return undefined;
      const r = x.dims.length;
      const axis = Number(a.axis ?? 0) < 0 ? Number(a.axis) + r : Number(a.axis ?? 0);
      if (axis < 0 || axis >= r) return undefined;
      const n = x.dims[axis];
      const idx = y.values.map((i) => (i < 0 ? i + n : i));
      if (idx.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return undefined;
      const dims = [...x.dims.slice(0, axis), ...y.dims, ...x.dims.slice(axis + 1)];
      const k = y.dims.length;
      return {
        ...x,
        dims,
        values: gather(x, dims, (index) => {
          const flat = index.slice(axis, axis + k).reduce((acc, v, i) => acc * y.dims[i] + v, 0);
          return [...index.slice(0, axis), idx[flat], ...index.slice(axis + k)];
        }),
      };
    }
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
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      if (!y || (x.values.length !== y.values.length && x.values.length !== 1 && y.values.length !== 1))
        return undefined;
      const f =
        op === 'Add'
          ? (p: number, q: number) => p + q
          : op === 'Sub'
            ? (p: number, q: number) => p - q
            : op === 'Mul'
              ? (p: number, q: number) => p * q
              : x.dataType === 1 || x.dataType === 11
                ? (p: number, q: number) => p / q
                : (p: number, q: number) => Math.trunc(p / q);
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

/** `Shape(x)` of a live value of this per-sample shape: [N, ...shape] (opset 15's start and end). */
function shapeOf(n: OnnxNodeIn, perSample: number[]): { t: T; batch: number[] } | undefined {
  const full = [0, ...perSample];
  const a = attrs(n);
  const r = full.length;
  const at = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const [s, e] = [at(Number(a.start ?? 0)), at(a.end === undefined ? r : Number(a.end))];
  const values = full.slice(s, Math.max(s, e));
  return { t: { dims: [values.length], values, dataType: 7 }, batch: s === 0 && e > 0 ? [0] : [] };
}

const mask = (t: T, batch: number[] | undefined): T => ({
  ...t,
  dataType: 7,
  values: t.values.map((_, i) => (batch?.includes(i) ? 1 : 0)),
});

/**
 * The constant a FOLDED_OPS node computes from constant inputs (named as its output), or undefined.
 * With `perSampleShape` (the importer's shapes of live values), Shape of a live value folds too, and
 * the result may hold the batch size N (a SymbolicTensor, 0 written where N is).
 */
export function foldConstant(
  n: OnnxNodeIn,
  get: (name: string) => OnnxTensorIn | undefined,
  perSampleShape?: (name: string) => number[] | undefined,
): OnnxTensorIn | SymbolicTensor | undefined {
  const op = n.opType ?? '';
  const out = n.output?.[0];
  if (!out || !FOLDED_OPS.has(op) || (n.domain ?? '') !== '') return undefined;
  const names = n.input ?? [];
  if (op === 'Shape') {
    const s = perSampleShape?.(names[0] ?? '');
    const r = s && shapeOf(n, s);
    return r ? symbolic(write(out, r.t), r.batch) : undefined;
  }
  if (names.some((x) => x !== '' && !get(x))) return undefined;
  const tensors = names.map((x) => (x === '' ? undefined : get(x)));
  const ins = tensors.map(read);
  if (names.some((x, i) => x !== '' && !ins[i])) return undefined;
  const batches = tensors.map((t) => (t && 'batch' in t ? (t as SymbolicTensor).batch : []));
  const carried = batches.some((b) => b.length > 0);
  if (carried && (!CARRY_BATCH.has(op) || batches.some((b, i) => b.length > 0 && i > 0 && op !== 'Concat')))
    return undefined;
  try {
    const a = attrs(n);
    const t = evaluate(op, a, ins, n);
    if (!t || t.values.length !== size(t.dims) || !t.values.every(Number.isFinite)) return undefined;
    if (!carried) return write(out, t);
    // Where N went: the same op on a 0/1 mask of the batch elements.
    const m = evaluate(
      op,
      a,
      op === 'Concat' ? ins.map((x, i) => x && mask(x, batches[i])) : [mask(ins[0] as T, batches[0]), ...ins.slice(1)],
      n,
    );
    if (!m || m.values.length !== t.values.length) return undefined;
    const batch = m.values.flatMap((v, i) => (v ? [i] : []));
    return symbolic(write(out, { ...t, values: t.values.map((v, i) => (m.values[i] ? 0 : v)) }), batch);
  } catch {
    return undefined;
  }
}

const symbolic = (t: OnnxTensorIn, batch: number[]): OnnxTensorIn | SymbolicTensor =>
  batch.length ? { ...t, batch } : t;

/** Whether a folded value holds the batch size N somewhere (it is no plain constant then). */
export const holdsBatch = (t: OnnxTensorIn | undefined): t is SymbolicTensor =>
  t !== undefined && 'batch' in t && (t as SymbolicTensor).batch.length > 0;
