// A minimal writer of ONNX ModelProto bytes (protocol buffers, proto2 wire format) for the
// one-node graphs the kernels run on ONNX Runtime (ort-conv.ts): float tensors with symbolic or
// fixed dimensions, nodes with int, ints and string attributes. Field numbers are onnx.proto's;
// fields are written in field-number order, as onnx's own serializer does.

export interface OnnxNode {
  op: string;
  domain?: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, number | number[] | string>;
}

/** A float tensor's name and dimensions (a string is a symbolic dimension; null: shape unknown). */
export interface OnnxValue {
  name: string;
  dims: (number | string)[] | null;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /** Operator set versions by domain ('' is the default domain). */
  opsets: Record<string, number>;
}

const FLOAT = 1;
const ATTR_STRING = 3,
  ATTR_INT = 2,
  ATTR_INTS = 7;

class Writer {
  private bytes: number[] = [];

  varint(v: number): this {
    // int64 in two's complement for negative numbers (10 bytes), as protobuf writes them.
    let n = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n !== 0n) b |= 0x80;
      this.bytes.push(b);
    } while (n !== 0n);
    return this;
  }

  tag(field: number, wire: 0 | 2): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, v: number): this {
    return this.tag(field, 0).varint(v);
  }

  raw(field: number, data: Uint8Array | number[]): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  str(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }

  msg(field: number, w: Writer): this {
    return this.raw(field, w.bytes);
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function attribute(name: string, v: number | number[] | string): Writer {
  const w = new Writer().str(1, name);
  if (typeof v === 'number') w.int(3, v);
  else if (typeof v === 'string') w.str(4, v);
  else for (const x of v) w.int(8, x);
  return w.int(20, typeof v === 'number' ? ATTR_INT : typeof v === 'string' ? ATTR_STRING : ATTR_INTS);
}

function node(n: OnnxNode): Writer {
  const w = new Writer();
  for (const i of n.inputs) w.str(1, i);
  for (const o of n.outputs) w.str(2, o);
  w.str(4, n.op);
  for (const [k, v] of Object.entries(n.attrs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    w.msg(5, attribute(k, v));
  if (n.domain) w.str(7, n.domain);
  return w;
}

function valueInfo(v: OnnxValue): Writer {
  const tensor = new Writer().int(1, FLOAT);
  if (v.dims !== null) {
    const shape = new Writer();
    for (const d of v.dims) shape.msg(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().str(2, d));
    tensor.msg(2, shape);
  }
  return new Writer().str(1, v.name).msg(2, new Writer().msg(1, tensor));
}

/** The serialized model (IR version 7), ready for InferenceSession.loadModel. */
export function onnxModel(g: OnnxGraph): Uint8Array {
  const graph = new Writer();
  for (const n of g.nodes) graph.msg(1, node(n));
  graph.str(2, 'g');
  for (const v of g.inputs) graph.msg(11, valueInfo(v));
  for (const v of g.outputs) graph.msg(12, valueInfo(v));
  const model = new Writer().int(1, 7).msg(7, graph);
  for (const [domain, version] of Object.entries(g.opsets)) {
    const opset = new Writer();
    if (domain) opset.str(1, domain);
    model.msg(8, opset.int(2, version));
  }
  return model.done();
}
