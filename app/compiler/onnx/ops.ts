/** One layer node as ONNX operators (opset 13), PyTorch's eval-mode semantics. */
import type { GraphNode, Shape } from '../../graph/types';
import { conv2dPadding, type Conv2dParams } from '../../layers/conv2d';
import { pair } from '../../layers/fields';
import { zeroPadSides, type ZeroPad2dParams } from '../../layers/zeropad2d';
import { err, ok, type Result } from '../../result';
import { float, int, ints, str, type OnnxBuilder } from './builder';
import type { OnnxAttr } from './types';
import { adaptiveAvgPool, avgPool, maxPool, type PoolParams } from './pool';

export interface OpContext {
  b: OnnxBuilder;
  node: GraphNode;
  p: Record<string, unknown>;
  inputs: string[];
  inShapes: Shape[];
  outShape: Shape;
  /** The initializer holding this node's (or its shared owner's) parameter, e.g. `weight`. */
  param(name: string): Result<string>;
}

type Convert = (c: OpContext) => Result<string>;

const unary = (op: string, attrs: (p: Record<string, unknown>) => Record<string, ReturnType<typeof float>> = () => ({})): Convert => (c) =>
  ok(c.b.op(op, [c.inputs[0]], attrs(c.p)));

/** PyTorch's dim for softmax (dim=None: 0 for 0-, 1- and 3-d inputs, else 1), on the batched tensor. */
function softmaxAxis(dim: unknown, rank: number): number {
  const d = typeof dim === 'number' ? dim : rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
  return d < 0 ? d + rank : d;
}

function dropout(c: OpContext): Result<string> {
  return ok(c.b.op('Dropout', [c.inputs[0], c.b.floatConst('ratio', [c.p.p as number], [])]));
}

function batchNorm(c: OpContext): Result<string> {
  const { b, p } = c;
  const ch = c.inShapes[0][0];
  const eps = p.eps as number;
  const w = p.affine ? c.param('weight') : ok(b.floatConst('ones', new Float32Array(ch).fill(1), [ch]));
  const bias = p.affine ? c.param('bias') : ok(b.floatConst('zeros', new Float32Array(ch), [ch]));
  if (!w.ok) return w;
  if (!bias.ok) return bias;
  if (p.track_running_stats) {
    const m = c.param('running_mean');
    const v = c.param('running_var');
    if (!m.ok) return m;
    if (!v.ok) return v;
    return ok(b.op('BatchNormalization', [c.inputs[0], w.value, bias.value, m.value, v.value], { epsilon: float(eps) }));
  }
  // No running stats: PyTorch normalizes with the batch's statistics even in eval mode.
  const rank = c.inShapes[0].length + 1;
  const axes = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2)];
  const x = c.inputs[0];
  const mean = b.op('ReduceMean', [x], { axes: ints(axes), keepdims: int(1) });
  const xc = b.op('Sub', [x, mean]);
  const v = b.op('ReduceMean', [b.op('Mul', [xc, xc])], { axes: ints(axes), keepdims: int(1) });
  const y = b.op('Div', [xc, b.op('Sqrt', [b.op('Add', [v, b.floatConst('eps', [eps], [])])])]);
  const shape = b.intConst('bn_shape', [ch, ...Array(rank - 2).fill(1)]);
  return ok(b.op('Add', [b.op('Mul', [y, b.op('Reshape', [w.value, shape])]), b.op('Reshape', [bias.value, shape])]));
}

function lrn(c: OpContext): Result<string> {
  // PyTorch's window: channels [c - size//2, c + (size-1)//2] (ONNX's LRN centres even sizes the other way).
  const { b, p } = c;
  const size = p.size as number;
  const ch = c.inShapes[0][0];
  const rank = c.inShapes[0].length + 1;
  const band = new Float32Array(ch * ch);
  for (let o = 0; o < ch; o++) for (let i = Math.max(0, o - Math.floor(size / 2)); i <= Math.min(ch - 1, o + Math.floor((size - 1) / 2)); i++) band[o * ch + i] = 1;
  const x = c.inputs[0];
  const sq = b.op('Mul', [x, x]);
  let sum: string;
  if (rank === 2) sum = b.op('MatMul', [sq, b.floatConst('lrn_band', transpose(band, ch), [ch, ch])]);
  else sum = b.op('Conv', [sq, b.floatConst('lrn_band', band, [ch, ch, ...Array(rank - 2).fill(1)])]);
  const scaled = b.op('Add', [b.op('Mul', [sum, b.floatConst('alpha', [(p.alpha as number) / size], [])]), b.floatConst('k', [p.k as number], [])]);
  return ok(b.op('Div', [x, b.op('Pow', [scaled, b.floatConst('beta', [p.beta as number], [])])]));
}

const transpose = (m: Float32Array, n: number): Float32Array => Float32Array.from({ length: n * n }, (_, k) => m[(k % n) * n + Math.floor(k / n)]);

function gelu(c: OpContext): Result<string> {
  const { b } = c;
  const x = c.inputs[0];
  const half = b.op('Mul', [x, b.floatConst('half', [0.5], [])]);
  let inner: string;
  if (c.p.approximate === 'tanh') {
    const x3 = b.op('Mul', [b.op('Mul', [x, x]), x]);
    const t = b.op('Add', [x, b.op('Mul', [x3, b.floatConst('c', [0.044715], [])])]);
    inner = b.op('Tanh', [b.op('Mul', [t, b.floatConst('sqrt_2_over_pi', [Math.sqrt(2 / Math.PI)], [])])]);
  } else {
    inner = b.op('Erf', [b.op('Div', [x, b.floatConst('sqrt2', [Math.SQRT2], [])])]);
  }
  return ok(b.op('Mul', [half, b.op('Add', [inner, b.floatConst('one', [1], [])])]));
}

function upsample(c: OpContext): Result<string> {
  const { b, p } = c;
  const x = c.inputs[0];
  const attrs: Record<string, OnnxAttr> =
    p.mode === 'bilinear'
      ? { mode: str('linear'), coordinate_transformation_mode: str(p.align_corners ? 'align_corners' : 'pytorch_half_pixel') }
      : { mode: str('nearest'), coordinate_transformation_mode: str('asymmetric'), nearest_mode: str('floor') };
  if (p.scale_factor !== null && p.scale_factor !== undefined) {
    const sf = typeof p.scale_factor === 'number' ? [p.scale_factor, p.scale_factor] : (p.scale_factor as number[]);
    return ok(b.op('Resize', [x, '', b.floatConst('scales', [1, 1, sf[0], sf[1]], [4])], attrs));
  }
  const batch = b.op('Slice', [b.op('Shape', [x]), b.intConst('zero', [0]), b.intConst('one', [1])]);
  const sizes = b.op('Concat', [batch, b.intConst('size', c.outShape)], { axis: int(0) });
  return ok(b.op('Resize', [x, '', '', sizes], attrs));
}

function conv(c: OpContext): Result<string> {
  const p = c.p as unknown as Conv2dParams;
  const pad = conv2dPadding(p);
  const w = c.param('weight');
  if (!w.ok) return w;
  const ins = [c.inputs[0], w.value];
  if (p.bias) {
    const bias = c.param('bias');
    if (!bias.ok) return bias;
    ins.push(bias.value);
  }
  return ok(
    c.b.op('Conv', ins, {
      kernel_shape: ints(pair(p.kernel_size)),
      strides: ints(pair(p.stride)),
      pads: ints([...pad.before, ...pad.after]),
      dilations: ints(pair(p.dilation)),
      group: int(p.groups),
    }),
  );
}

/**
 * ZeroPad2d: Pad (mode constant); ONNX's pads are [N, C, top, left] begins then [N, C, bottom, right] ends.
 * The pad value is -0.0, equal to 0 in every later operation: onnxruntime's PadFusion folds a Pad whose
 * value is all zero bytes into a following MaxPool's pads, which pad with -inf (wrong results, or
 * "Pad should be smaller than kernel"); a -0.0 has a sign byte, so the Pad stays.
 */
function zeroPad(c: OpContext): Result<string> {
  const [l, r, t, b] = zeroPadSides(c.p as unknown as ZeroPad2dParams);
  const pads = c.b.intConst('pads', [0, 0, t, l, 0, 0, b, r]);
  return ok(c.b.op('Pad', [c.inputs[0], pads, c.b.floatConst('pad_value', [-0], [])], { mode: str('constant') }));
}

function linear(c: OpContext): Result<string> {
  const w = c.param('weight');
  if (!w.ok) return w;
  const ins = [c.inputs[0], w.value];
  if (c.p.bias) {
    const bias = c.param('bias');
    if (!bias.ok) return bias;
    ins.push(bias.value);
  }
  return ok(c.b.op('Gemm', ins, { transB: int(1) }));
}

function flatten(c: OpContext): Result<string> {
  const rank = c.inShapes[0].length + 1;
  const s = (c.p.start_dim as number) < 0 ? (c.p.start_dim as number) + rank : (c.p.start_dim as number);
  const e = (c.p.end_dim as number) < 0 ? (c.p.end_dim as number) + rank : (c.p.end_dim as number);
  if (s === 1 && e === rank - 1) return ok(c.b.op('Flatten', [c.inputs[0]], { axis: int(1) }));
  return ok(c.b.op('Reshape', [c.inputs[0], c.b.intConst('shape', [-1, ...c.outShape])]));
}

export const ONNX_OPS: Record<string, Convert> = {
  Conv2d: conv,
  Linear: linear,
  MaxPool2d: (c) => ok(maxPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p as unknown as PoolParams)),
  AvgPool2d: (c) => avgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p as unknown as PoolParams),
  AdaptiveAvgPool2d: (c) => ok(adaptiveAvgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape)),
  BatchNorm1d: batchNorm,
  BatchNorm2d: batchNorm,
  LocalResponseNorm: lrn,
  ReLU: unary('Relu'),
  LeakyReLU: unary('LeakyRelu', (p) => ({ alpha: float(p.negative_slope as number) })),
  ELU: unary('Elu', (p) => ({ alpha: float(p.alpha as number) })),
  GELU: gelu,
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Softmax: (c) => ok(c.b.op('Softmax', [c.inputs[0]], { axis: int(softmaxAxis(c.p.dim, c.inShapes[0].length + 1)) })),
  LogSoftmax: (c) => ok(c.b.op('LogSoftmax', [c.inputs[0]], { axis: int(softmaxAxis(c.p.dim, c.inShapes[0].length + 1)) })),
  // ONNX's Dropout (identity at inference), so an import gets the layer back.
  Dropout: dropout,
  Dropout2d: dropout,
  Identity: unary('Identity'),
  Flatten: flatten,
  Upsample: upsample,
  ZeroPad2d: zeroPad,
  Add: (c) => ok(c.b.op(c.inputs.length === 2 ? 'Add' : 'Sum', c.inputs)),
  Concat: (c) => {
    const rank = c.inShapes[0].length + 1;
    const d = c.p.dim as number;
    return ok(c.b.op('Concat', c.inputs, { axis: int(d < 0 ? d + rank : d) }));
  },
};

export function convertNode(c: OpContext): Result<string> {
  const f = ONNX_OPS[c.node.type];
  if (!f) return err(`${c.node.type} ${c.node.id} has no ONNX conversion`);
  return f(c);
}
