/** The decoded ONNX model the importer reads (protobufjs' toObject of onnx.ModelProto, longs as numbers). */
export interface OnnxAttributeIn {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array | string;
  ints?: number[];
  floats?: number[];
  t?: OnnxTensorIn;
  /** A GRAPH attribute (If's branches). */
  g?: { node?: OnnxNodeIn[]; output?: { name: string }[] };
}

export interface OnnxTensorIn {
  name: string;
  dims?: number[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int64Data?: number[];
  int32Data?: number[];
  doubleData?: number[];
}

export interface OnnxValueInfoIn {
  name: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number; dimParam?: string }[] } } };
}

export interface OnnxNodeIn {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: OnnxAttributeIn[];
}

export interface OnnxModelIn {
  irVersion?: number;
  /** 'pytorch' for torch.onnx.export, 'netloom' for Netloom's own export. */
  producerName?: string;
  metadataProps?: { key?: string; value?: string }[];
  opsetImport?: { domain?: string; version?: number }[];
  graph?: {
    name?: string;
    node?: OnnxNodeIn[];
    initializer?: OnnxTensorIn[];
    input?: OnnxValueInfoIn[];
    output?: OnnxValueInfoIn[];
    /** Shapes of intermediate values, where the exporter ran shape inference (torch.onnx does). */
    valueInfo?: OnnxValueInfoIn[];
  };
}

/** Float values of an initializer (FLOAT raw or float_data; INT64/INT32/DOUBLE as numbers). */
export function tensorValues(t: OnnxTensorIn): Float64Array {
  const n = (t.dims ?? []).reduce((a, b) => a * b, 1);
  if (t.rawData && t.rawData.length > 0) {
    const b = t.rawData;
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out = new Float64Array(n);
    const size = t.dataType === 7 || t.dataType === 11 ? 8 : 4;
    if (b.byteLength < n * size) return new Float64Array(0);
    for (let i = 0; i < n; i++) {
      if (t.dataType === 7) out[i] = Number(v.getBigInt64(i * 8, true));
      else if (t.dataType === 11) out[i] = v.getFloat64(i * 8, true);
      else if (t.dataType === 6) out[i] = v.getInt32(i * 4, true);
      else out[i] = v.getFloat32(i * 4, true);
    }
    return out;
  }
  const list = t.floatData?.length
    ? t.floatData
    : t.int64Data?.length
      ? t.int64Data
      : t.int32Data?.length
        ? t.int32Data
        : (t.doubleData ?? []);
  return Float64Array.from(list, Number);
}

export type Attrs = Record<string, number | number[] | string>;

export function attrs(n: OnnxNodeIn): Attrs {
  const out: Attrs = {};
  for (const a of n.attribute ?? []) {
    if (a.ints && a.ints.length) out[a.name] = a.ints.map(Number);
    else if (a.type === 7) out[a.name] = [];
    else if (a.s !== undefined && (a.type === 3 || typeof a.s === 'string' || a.s.length))
      out[a.name] = typeof a.s === 'string' ? a.s : String.fromCharCode(...a.s);
    else if (a.type === 1 || (a.f !== undefined && a.i === undefined)) out[a.name] = f32(Number(a.f ?? 0));
    else out[a.name] = Number(a.i ?? 0);
  }
  return out;
}

/** The shortest decimal that `same` accepts (a float32 constant back to the number a person typed). */
export function shortest(v: number, same: (d: number) => boolean): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (same(d)) return d;
  }
  return v;
}

/** A float32 number as the shortest decimal with the same float32 value (0.699999988 -> 0.7). */
export const f32 = (v: number): number => shortest(v, (d) => Math.fround(d) === Math.fround(v));

/** An [h, w] attribute (kernel_shape, strides, dilations), or [d, d] when absent. */
export const pairOf = (v: number[] | undefined, d: number): [number, number] =>
  v && v.length >= 2 ? [v[0], v[1]] : [d, d];
/** A pair as PyTorch writes it: one number when both are equal. */
export const simple = (p: [number, number]): number | [number, number] => (p[0] === p[1] ? p[0] : p);
