/**
 * forward's functional calls (`F.relu`, `torch.cat`, `operator.add`, `x.view(x.size(0), -1)`) as
 * Netloom layers: each entry binds the call's arguments by PyTorch's parameter names and says which
 * layer kind (marked functional by the builder) computes the same thing. Calls that only describe a
 * shape (`x.size(0)`, `x.shape`) become values the next call consumes.
 */
import type { PyArg } from './schema';

/** A value during the build: a tensor (a graph node's output), a list, a size, or a literal. */
export type Val =
  | { t: 'tensor'; id: string }
  | { t: 'list'; items: Val[] }
  | { t: 'size'; of: string; dim?: number }
  | { t: 'lit'; v: PyArg };

export interface LayerStep {
  type: string;
  params: Record<string, unknown>;
  inputs: Val[];
}

/** What a call becomes: layers applied in turn (the first to `inputs`), a value, or a reason it cannot be read. */
export type CallResult = { layers: LayerStep[] } | { value: Val } | { error: string };

type Bound = Record<string, Val | undefined>;

function bind(names: readonly string[], args: Val[], kwargs: Record<string, Val>): Bound | string {
  const out: Bound = {};
  if (args.length > names.length) return `takes at most ${names.length} arguments here, got ${args.length}`;
  args.forEach((a, i) => (out[names[i]] = a));
  for (const [k, v] of Object.entries(kwargs)) {
    if (!names.includes(k)) return `has no argument '${k}' Netloom reads`;
    out[k] = v;
  }
  return out;
}

const lit = (v: Val | undefined): PyArg | undefined =>
  v === undefined
    ? undefined
    : v.t === 'lit'
      ? v.v
      : v.t === 'list' && v.items.every((i) => i.t === 'lit')
        ? v.items.map((i) => (i as { v: PyArg }).v)
        : undefined;
const num = (v: Val | undefined, d: number): number | undefined => {
  const x = v === undefined ? d : lit(v);
  return typeof x === 'number' ? x : undefined;
};

type Handler = (b: Bound) => CallResult;

const one =
  (type: string, params: (b: Bound) => Record<string, unknown> | string = () => ({})) =>
  (b: Bound): CallResult => {
    const p = params(b);
    if (typeof p === 'string') return { error: p };
    const x = b.input;
    return x ? { layers: [{ type, params: p, inputs: [x] }] } : { error: 'has no input tensor' };
  };

/** Literal arguments copied into params (undefined ones left to the layer's defaults). */
const pick =
  (...keys: string[]) =>
  (b: Bound): Record<string, unknown> | string => {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      if (b[k] === undefined) continue;
      const v = lit(b[k]);
      if (v === undefined) return `${k} must be a constant`;
      if (v !== null) out[k] = v;
    }
    return out;
  };

function flatten(b: Bound, startDefault: number): CallResult {
  const start = num(b.start_dim, startDefault);
  const end = num(b.end_dim, -1);
  if (start === undefined || end === undefined) return { error: 'start_dim and end_dim must be constants' };
  if (start === 0) return { error: 'flattening from dim 0 merges the batch dimension: use torch.flatten(x, 1)' };
  return one('Flatten', () => ({ start_dim: start, end_dim: end }))(b);
}

/** x.view(x.size(0), -1), x.view(-1, K), x.reshape(N, K): a Flatten from dim 1. */
function view(b: Bound): CallResult {
  const x = b.input;
  let dims = b.shape?.t === 'list' ? b.shape.items : [b.shape, b.rest].filter((d): d is Val => d !== undefined);
  if (dims.length === 1 && dims[0].t === 'list') dims = dims[0].items;
  const isBatch = (d: Val) => d.t === 'size' && d.dim === 0 && x?.t === 'tensor' && d.of === x.id;
  const isNum = (d: Val) => d.t === 'lit' && typeof d.v === 'number' && Number.isInteger(d.v);
  const ok = dims.length === 2 && (isBatch(dims[0]) || lit(dims[0]) === -1) && isNum(dims[1]);
  if (!ok) return { error: 'only reshapes to (batch, -1) or (-1, features) are read: write torch.flatten(x, 1)' };
  return one('Flatten')(b);
}

function mean(b: Bound): CallResult {
  const d = lit(b.dim);
  const dims = Array.isArray(d) ? d.map((v) => (typeof v === 'number' && v < 0 ? v + 4 : v)).sort() : [];
  const keep = lit(b.keepdim) === true;
  if (dims.join(',') !== '2,3' || !b.input)
    return { error: 'only the mean over the spatial dims (x.mean([2, 3])) is read' };
  const pool: LayerStep = { type: 'AdaptiveAvgPool2d', params: { output_size: 1 }, inputs: [b.input] };
  return { layers: keep ? [pool] : [pool, { type: 'Flatten', params: {}, inputs: [] }] };
}

/** x.permute(0, 2, 3, 1), x.permute((0, 2, 3, 1)), torch.permute(x, dims): a Permute. */
function permute(b: Bound): CallResult {
  const parts = ['dims', 'd1', 'd2', 'd3', 'd4'].map((k) => lit(b[k])).filter((v) => v !== undefined);
  const dims = parts.length === 1 && Array.isArray(parts[0]) ? parts[0] : parts;
  if (!dims.every((d) => typeof d === 'number')) return { error: 'the dims must be constant integers' };
  return one('Permute', () => ({ dims }))(b);
}

function add(b: Bound): CallResult {
  const [x, y] = [b.input, b.other];
  if (x?.t !== 'tensor' || y?.t !== 'tensor') return { error: 'only the sum of two tensors is read (no scalars)' };
  if (b.alpha !== undefined && lit(b.alpha) !== 1) return { error: 'alpha must be 1' };
  return { layers: [{ type: 'Add', params: {}, inputs: [x, y] }] };
}

function cat(b: Bound): CallResult {
  const xs = b.tensors;
  if (xs?.t !== 'list' || xs.items.some((i) => i.t !== 'tensor'))
    return { error: 'the tensors must be a list of tensors' };
  const dim = num(b.dim, 0);
  if (dim === undefined) return { error: 'dim must be a constant' };
  return { layers: [{ type: 'Concat', params: { dim }, inputs: xs.items }] };
}

function size(b: Bound): CallResult {
  const x = b.input;
  if (x?.t !== 'tensor') return { error: 'size of something that is not a tensor' };
  const d = b.dim === undefined ? undefined : num(b.dim, 0);
  return { value: { t: 'size', of: x.id, ...(d !== undefined ? { dim: d } : {}) } };
}

function getitem(b: Bound): CallResult {
  const [x, i] = [b.input, lit(b.index)];
  if (x?.t === 'size' && x.dim === undefined && typeof i === 'number')
    return { value: { t: 'size', of: x.of, dim: i } };
  if (x?.t === 'list' && typeof i === 'number' && x.items[i < 0 ? x.items.length + i : i])
    return { value: x.items[i < 0 ? x.items.length + i : i] };
  return { error: 'indexing is read only for sizes (x.size()[0], x.shape[0]) and lists' };
}

const F = 'torch.nn.functional.';
const T: [string[], readonly string[], Handler][] = [
  [[`${F}relu`, 'torch.relu', `${F}relu_`, 'torch.relu_'], ['input', 'inplace'], one('ReLU')],
  [['torch.sigmoid', `${F}sigmoid`], ['input'], one('Sigmoid')],
  [['torch.tanh', `${F}tanh`], ['input'], one('Tanh')],
  [[`${F}gelu`], ['input', 'approximate'], one('GELU', pick('approximate'))],
  [[`${F}elu`], ['input', 'alpha', 'inplace'], one('ELU', pick('alpha'))],
  [[`${F}leaky_relu`], ['input', 'negative_slope', 'inplace'], one('LeakyReLU', pick('negative_slope'))],
  [[`${F}softmax`, 'torch.softmax'], ['input', 'dim', '_stacklevel', 'dtype'], one('Softmax', pick('dim'))],
  [[`${F}log_softmax`, 'torch.log_softmax'], ['input', 'dim', '_stacklevel', 'dtype'], one('LogSoftmax', pick('dim'))],
  [
    [`${F}max_pool2d`, `${F}_max_pool2d`, 'torch.max_pool2d'],
    ['input', 'kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'],
    one('MaxPool2d', pick('kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode')),
  ],
  [
    [`${F}avg_pool2d`, 'torch._C._nn.avg_pool2d'],
    ['input', 'kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
    one('AvgPool2d', pick('kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override')),
  ],
  [[`${F}adaptive_avg_pool2d`], ['input', 'output_size'], one('AdaptiveAvgPool2d', pick('output_size'))],
  [[`${F}dropout`], ['input', 'p', 'training', 'inplace'], one('Dropout', pick('p'))],
  [[`${F}dropout2d`], ['input', 'p', 'training', 'inplace'], one('Dropout2d', pick('p'))],
  [['torch.flatten'], ['input', 'start_dim', 'end_dim'], (b) => flatten(b, 0)],
  [['torch.permute'], ['input', 'dims'], permute],
  [
    [`${F}pixel_shuffle`, 'torch.pixel_shuffle'],
    ['input', 'upscale_factor'],
    one('PixelShuffle', pick('upscale_factor')),
  ],
  [[`${F}channel_shuffle`, 'torch.channel_shuffle'], ['input', 'groups'], one('ChannelShuffle', pick('groups'))],
  [['torch.reshape'], ['input', 'shape'], view],
  [['operator.add', 'operator.iadd', 'torch.add'], ['input', 'other', 'alpha'], add],
  [['torch.cat', 'torch.concat'], ['tensors', 'dim'], cat],
  [
    ['builtins.getattr'],
    ['input', 'name'],
    (b) => (lit(b.name) === 'shape' ? size(b) : { error: 'only x.shape is read' }),
  ],
  [['operator.getitem'], ['input', 'index'], getitem],
];
const M: [string[], readonly string[], Handler][] = [
  [['relu', 'relu_'], ['input'], one('ReLU')],
  [['sigmoid'], ['input'], one('Sigmoid')],
  [['tanh'], ['input'], one('Tanh')],
  [['softmax'], ['input', 'dim'], one('Softmax', pick('dim'))],
  [['log_softmax'], ['input', 'dim'], one('LogSoftmax', pick('dim'))],
  [['flatten'], ['input', 'start_dim', 'end_dim'], (b) => flatten(b, 0)],
  [['view', 'reshape'], ['input', 'shape', 'rest'], view],
  [['add', 'add_'], ['input', 'other', 'alpha'], add],
  [['size'], ['input', 'dim'], size],
  [['mean'], ['input', 'dim', 'keepdim'], mean],
  [['permute'], ['input', 'dims', 'd1', 'd2', 'd3', 'd4'], permute],
  [
    ['unflatten'],
    ['input', 'dim', 'sizes'],
    one('Unflatten', (b) => {
      const [dim, sizes] = [lit(b.dim), lit(b.sizes)];
      return typeof dim === 'number' && Array.isArray(sizes)
        ? { dim, unflattened_size: sizes }
        : 'dim and sizes must be constants';
    }),
  ],
  [['contiguous'], ['input'], (b) => (b.input ? { value: b.input } : { error: 'has no input' })],
];

const index = (rows: [string[], readonly string[], Handler][]) =>
  new Map(rows.flatMap(([names, params, h]) => names.map((n) => [n, { params, h }] as const)));
const FUNCTIONS = index(T);
const METHODS = index(M);

/** The layers (or value) a call_function / call_method node gives; `error` is the reason, without the call's name. */
export function readCall(
  op: 'call_function' | 'call_method',
  target: string,
  args: Val[],
  kwargs: Record<string, Val>,
): CallResult {
  const row = (op === 'call_function' ? FUNCTIONS : METHODS).get(target.replace(/^_operator\./, 'operator.'));
  if (!row) return { error: 'Netloom has no layer for it' };
  const b = bind(row.params, args, kwargs);
  return typeof b === 'string' ? { error: b } : row.h(b);
}

/** `torch.nn.functional.relu` -> `F.relu`, `operator.add` -> `+` (the names people write). */
export function callLabel(op: string, target: string): string {
  if (op === 'call_method') return `.${target}()`;
  const ops: Record<string, string> = {
    'operator.add': '+',
    'operator.iadd': '+=',
    'operator.mul': '*',
    'operator.imul': '*=',
    'operator.sub': '-',
    'operator.getitem': '[...]',
    'operator.truediv': '/',
    'operator.matmul': '@',
  };
  const t = target.replace(/^_operator\./, 'operator.');
  return ops[t] ?? t.replace(/^torch\.nn\.functional\./, 'F.');
}
