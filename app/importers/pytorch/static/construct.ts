/**
 * What a constructor call in `__init__` builds: `nn.Conv2d(1, 6, 5)` a layer with its arguments
 * named as PyTorch names them (the positional order below is checked against torch's signatures by
 * positional.test.ts), `nn.Sequential(...)`, `nn.Sequential(OrderedDict([...]))` and
 * `nn.ModuleList([...])` containers.
 */
import type { PyArg } from '../schema';
import { literal, type SMod, type SVal } from './values';

/** torch.nn's constructor parameters in positional order (device and dtype left out). */
export const TORCH_POSITIONAL: Record<string, readonly string[]> = {
  Conv2d: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'dilation',
    'groups',
    'bias',
    'padding_mode',
  ],
  MaxPool2d: ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
  AvgPool2d: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
  AdaptiveAvgPool2d: ['output_size'],
  BatchNorm1d: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
  BatchNorm2d: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
  LocalResponseNorm: ['size', 'alpha', 'beta', 'k'],
  ReLU: ['inplace'],
  ReLU6: ['inplace'],
  LeakyReLU: ['negative_slope', 'inplace'],
  PReLU: ['num_parameters', 'init'],
  ELU: ['alpha', 'inplace'],
  GELU: ['approximate'],
  SiLU: ['inplace'],
  Hardswish: ['inplace'],
  Hardsigmoid: ['inplace'],
  Mish: ['inplace'],
  Softplus: ['beta', 'threshold'],
  Sigmoid: [],
  Tanh: [],
  Softmax: ['dim'],
  LogSoftmax: ['dim'],
  Dropout: ['p', 'inplace'],
  Dropout2d: ['p', 'inplace'],
  Linear: ['in_features', 'out_features', 'bias'],
  Flatten: ['start_dim', 'end_dim'],
  Upsample: ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'],
  ZeroPad2d: ['padding'],
  Identity: [],
  LayerNorm: ['normalized_shape', 'eps', 'elementwise_affine'],
  GroupNorm: ['num_groups', 'num_channels', 'eps', 'affine'],
  InstanceNorm2d: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
  ChannelShuffle: ['groups'],
  Unflatten: ['dim', 'unflattened_size'],
  PixelShuffle: ['upscale_factor'],
  ConvTranspose2d: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'output_padding',
    'groups',
    'bias',
    'dilation',
    'padding_mode',
  ],
  Conv1d: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'dilation',
    'groups',
    'bias',
    'padding_mode',
  ],
  MaxPool1d: ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
  AvgPool1d: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'],
  AdaptiveAvgPool1d: ['output_size'],
  AdaptiveMaxPool2d: ['output_size', 'return_indices'],
};

export interface CallArgs {
  positional: SVal[];
  keyword: [string, SVal][];
}

/** A torch.nn layer from its call; a string is the reason it cannot be read. */
export function layerFrom(className: string, a: CallArgs, where: string): SMod | string {
  const names = TORCH_POSITIONAL[className];
  const args: Record<string, PyArg> = {};
  if (!names) {
    // Not a kind Netloom has: kept by name so the graph builder names it in its message.
    return { className, kind: 'layer', args, children: [], attrs: new Map(), where };
  }
  if (a.positional.length > names.length)
    return `nn.${className} takes at most ${names.length} positional arguments, got ${a.positional.length}`;
  const put = (k: string, v: SVal): string | undefined => {
    const x = literal(v);
    if (x === undefined)
      return `the argument ${k} of nn.${className} must be a constant (a number, string, tuple or a name bound to one)`;
    args[k] = x;
    return undefined;
  };
  for (let i = 0; i < a.positional.length; i++) {
    const e = put(names[i], a.positional[i]);
    if (e) return e;
  }
  for (const [k, v] of a.keyword) {
    if (className === 'Identity') continue;
    if (!names.includes(k) && k !== 'device' && k !== 'dtype') return `nn.${className} has no argument ${k}`;
    if (k === 'device' || k === 'dtype') continue;
    const e = put(k, v);
    if (e) return e;
  }
  return { className, kind: 'layer', args, children: [], attrs: new Map(), where };
}

/** nn.Sequential(a, b), nn.Sequential(*layers), nn.Sequential(OrderedDict([('conv', ...), ...])). */
export function sequentialFrom(a: CallArgs, where: string, className = 'Sequential'): SMod | string {
  if (a.keyword.length > 0) return 'nn.Sequential takes no keyword arguments';
  const children: [string, SMod][] = [];
  const only = a.positional[0];
  if (a.positional.length === 1 && only.k === 'seq' && only.pairs === true) {
    for (const p of only.items) {
      const [name, m] = (p as { items: SVal[] }).items;
      if (name.k !== 'lit' || typeof name.v !== 'string' || m.k !== 'mod')
        return 'OrderedDict entries must be (name, module) pairs';
      children.push([name.v, m.m]);
    }
  } else {
    for (const v of a.positional) {
      if (v.k !== 'mod') return 'every argument of nn.Sequential must be a module';
      children.push([String(children.length), v.m]);
    }
  }
  return { className, kind: 'Sequential', args: {}, children, attrs: new Map(), where };
}

/** nn.ModuleList([a, b]) (children named 0, 1, ...). */
export function moduleListFrom(a: CallArgs, where: string): SMod | string {
  const list = a.positional[0];
  if (a.positional.length > 1 || a.keyword.length > 0 || (list && list.k !== 'seq'))
    return 'nn.ModuleList takes one list of modules';
  const items = list?.k === 'seq' ? list.items : [];
  if (items.some((m) => m.k !== 'mod')) return 'every item of nn.ModuleList must be a module';
  return {
    className: 'ModuleList',
    kind: 'Sequential',
    args: {},
    children: items.map((m, i) => [String(i), (m as { m: SMod }).m]),
    attrs: new Map(),
    where,
  };
}
