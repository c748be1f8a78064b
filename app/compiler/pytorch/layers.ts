/**
 * One layer node as Python: its `nn.X(...)` constructor (a registered sub-module) or its call in
 * `forward` when the node is functional (`F.relu(x)`, `torch.flatten(x, 1)`, `a + b`, `torch.cat`).
 * Arguments are the parameters the person gave plus the inferred sizes, by PyTorch's names; the
 * others keep PyTorch's defaults, which are the registry's defaults.
 */
import type { GraphNode } from '../../graph/types';
import { getLayer } from '../../layers/registry';
import { err, ok, type Result } from '../../result';
import { pyFloat, pyStrLiteral } from './pysyntax';

/** Parameters that are Python floats (printed as `2.0`, `1e-05`). */
const FLOATS = new Set(['eps', 'momentum', 'negative_slope', 'alpha', 'beta', 'k', 'p', 'scale_factor']);
/** Arguments written positionally, as people write them: `nn.Conv2d(1, 6, kernel_size=5)`. */
const POSITIONAL: Record<string, string[]> = {
  Conv2d: ['in_channels', 'out_channels'],
  Linear: ['in_features', 'out_features'],
  BatchNorm1d: ['num_features'],
  BatchNorm2d: ['num_features'],
  LocalResponseNorm: ['size'],
  ZeroPad2d: ['padding'],
};

/** Python text for one parameter value. */
export function pyValue(v: unknown, float: boolean): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return float ? `float(${pyStrLiteral(String(v).replace('Infinity', 'inf'))})` : 'None';
    return float ? pyFloat(v) : Number.isInteger(v) ? String(v) : pyFloat(v);
  }
  if (typeof v === 'string') return pyStrLiteral(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => pyValue(x, float));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return 'None';
}

export interface LayerArgs {
  positional: string[];
  keyword: [string, string][];
}

/** The node's arguments: given params (parsed, defaults filled) and inferred sizes, schema order. */
export function layerArgs(node: GraphNode, inferred: Record<string, number>, all = false): Result<LayerArgs> {
  const spec = getLayer(node.type);
  if (!spec) return err(`unknown layer type '${node.type}'`);
  const parsed = spec.schema.safeParse(node.params ?? {});
  if (!parsed.success) return err(`${node.type} ${node.id}: ${parsed.error.issues[0]?.message ?? 'invalid parameters'}`);
  const given = new Set(Object.keys(node.params ?? {}));
  const values: Record<string, unknown> = parsed.data;
  const pos = POSITIONAL[node.type] ?? [];
  const out: LayerArgs = { positional: [], keyword: [] };
  for (const key of Object.keys(values)) {
    if (key === 'shape' && node.type === 'Input') continue;
    const v = key in inferred ? inferred[key] : values[key];
    const required = pos.includes(key);
    if (!all && !required && !given.has(key) && !(key in inferred)) continue;
    if (v === null && key in inferred === false && (spec.inferred ?? []).includes(key)) continue;
    const text = pyValue(v, FLOATS.has(key));
    if (required) out.positional[pos.indexOf(key)] = text;
    else out.keyword.push([key, text]);
  }
  if (out.positional.some((p) => p === undefined) || out.positional.length < pos.length)
    return err(`${node.type} ${node.id}: its input size is unknown (fix the graph's shape errors first)`);
  return ok(out);
}

const joinArgs = (a: LayerArgs, lead: string[] = []): string =>
  [...lead, ...a.positional, ...a.keyword.map(([k, v]) => `${k}=${v}`)].join(', ');

/** `nn.Conv2d(1, 6, kernel_size=5, padding=2)`. */
export function constructorExpr(node: GraphNode, inferred: Record<string, number>): Result<string> {
  const a = layerArgs(node, inferred);
  if (!a.ok) return a;
  return ok(`nn.${node.type}(${joinArgs(a.value)})`);
}

/** functional form: [function, keyword names it takes (others dropped, e.g. inplace)]. */
const FUNCTIONAL: Record<string, [string, string[]]> = {
  ReLU: ['F.relu', []],
  LeakyReLU: ['F.leaky_relu', ['negative_slope']],
  ELU: ['F.elu', ['alpha']],
  GELU: ['F.gelu', ['approximate']],
  Sigmoid: ['torch.sigmoid', []],
  Tanh: ['torch.tanh', []],
  Softmax: ['F.softmax', ['dim']],
  LogSoftmax: ['F.log_softmax', ['dim']],
  MaxPool2d: ['F.max_pool2d', ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']],
  AvgPool2d: ['F.avg_pool2d', ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override']],
  AdaptiveAvgPool2d: ['F.adaptive_avg_pool2d', ['output_size']],
  LocalResponseNorm: ['F.local_response_norm', ['size', 'alpha', 'beta', 'k']],
  Dropout: ['F.dropout', ['p']],
  Dropout2d: ['F.dropout2d', ['p']],
  Flatten: ['torch.flatten', ['start_dim', 'end_dim']],
  Upsample: ['F.interpolate', ['size', 'scale_factor', 'mode', 'align_corners']],
};

/** The expression a functional node computes from its input expressions. */
export function functionalExpr(node: GraphNode, inputs: string[]): Result<string> {
  if (node.type === 'Add') return ok(inputs.join(' + '));
  if (node.type === 'Identity') return ok(inputs[0]);
  // Every parameter, explicitly: F's defaults are not always the module's (torch.flatten's start_dim is 0).
  const a = layerArgs(node, {}, true);
  if (!a.ok) return a;
  const all = new Map([...a.value.keyword]);
  (POSITIONAL[node.type] ?? []).forEach((k, i) => all.set(k, a.value.positional[i]));
  if (node.type === 'Concat') return ok(`torch.cat([${inputs.join(', ')}], dim=${all.get('dim') ?? '1'})`);
  if (node.type === 'ZeroPad2d') {
    // F.pad takes the 4-tuple (left, right, top, bottom) only.
    const v = (node.params ?? {}).padding;
    const sides = typeof v === 'number' ? [v, v, v, v] : v;
    return ok(`F.pad(${inputs[0]}, ${pyValue(sides, false)})`);
  }
  const f = FUNCTIONAL[node.type];
  if (!f) return err(`${node.type} ${node.id} cannot be a functional call: make it a module`);
  const kw = f[1].filter((k) => all.has(k)).map((k) => `${k}=${all.get(k)}`);
  if (node.type === 'Softmax' || node.type === 'LogSoftmax') {
    if (!all.has('dim')) kw.push('dim=None');
  }
  if (node.type === 'MaxPool2d' || node.type === 'AvgPool2d' || node.type === 'LocalResponseNorm') {
    // kernel_size / size are required: always present after parsing
    const key = node.type === 'LocalResponseNorm' ? 'size' : 'kernel_size';
    if (!kw.some((k) => k.startsWith(`${key}=`))) kw.unshift(`${key}=${all.get(key)}`);
  }
  if (node.type === 'Dropout' || node.type === 'Dropout2d') kw.push('training=self.training');
  return ok(`${f[0]}(${[inputs[0], ...kw].join(', ')})`);
}
