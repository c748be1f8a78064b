/**
 * ONNX subgraphs that are one PyTorch layer, as Netloom's exporter and torch.onnx.export write them:
 * - GELU: x * 0.5 * (1 + erf(x / sqrt 2)), and the tanh form x * 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))),
 *   in either operand order (Netloom: Mul(Mul(x, .5), ...); torch: Mul(Mul(x, ...), .5));
 * - LocalResponseNorm: x / (k + alpha/size * Conv(x*x, channel band))^beta (Netloom's; the band must be
 *   exactly PyTorch's window of some size);
 * - AvgPool2d: AveragePool times a constant per-position factor (Netloom's ceil_mode, count_include_pad
 *   and divisor_override), and torch's zero Pad in front of an AveragePool (count_include_pad=True);
 * - Upsample by size: Resize whose sizes are Concat(Slice(Shape(x)), constant) (both exporters);
 * - AdaptiveAvgPool2d with sizes that do not divide (onnx-adaptive.ts);
 * - torch.onnx's LocalResponseNorm on [N, C, H, W] (onnx-torch-lrn.ts);
 * - SiLU, Hardswish, Mish and Softplus with beta (onnx-activations.ts).
 * Constants must be exactly the pattern's (float32 rounding); otherwise the nodes stay unsupported.
 */
import type { Shape } from '../graph/types';
import { divisor, type PoolParams } from '../compiler/onnx/pool';
import { getLayer } from '../layers/registry';
import { type GraphIndex, type Pattern, constValues, matchAt, near } from './onnx-match';
import { type Attrs, attrs, f32, type OnnxNodeIn, shortest } from './onnx-types';
import { activationPatterns } from './onnx-activations';
import { matchAdaptive } from './onnx-adaptive';
import { avgFactorLayer1d } from './onnx-avg1d';
import { matchTorchLrn } from './onnx-torch-lrn';
import { resizeLayer } from './onnx-resize';
import { normPatterns, type WeightedLayer } from './onnx-norm-patterns';
import { matchChannelShuffle } from './onnx-shuffle';

/** A pattern's layer; the normalizations bring their weights (onnx-norm-patterns.ts). */
export type Layer = WeightedLayer;

export interface Replacement {
  /** The data value the layer reads. */
  input: string;
  /** Node indices folded into the layer (the last node included). */
  nodes: number[];
  /** The layer for the input's per-sample shape, or undefined when the constants do not fit it. */
  layer(inShape: Shape): Layer | undefined;
}

const X: Pattern = { x: true };
const C = (c: number): Pattern => ({ c });
const mul = (a: Pattern, b: Pattern): Pattern => ({ op: 'Mul', args: [a, b], comm: true });
const add = (a: Pattern, b: Pattern): Pattern => ({ op: 'Add', args: [a, b], comm: true });
const ints = (a: Attrs, k: string): number[] | undefined => (Array.isArray(a[k]) ? (a[k] as number[]) : undefined);
const all = (v: number[] | undefined, d: number): boolean => !v || v.every((q) => q === d);
/** A pool's stride as PyTorch's default (None) when it is the kernel size. */
export const poolStride = (k: number[], s: number[]): number | number[] | null =>
  k[0] === s[0] && k[1] === s[1] ? null : s[0] === s[1] ? s[0] : s;

const ERF = add(
  { op: 'Erf', args: [{ any: [{ op: 'Div', args: [X, C(Math.SQRT2)] }, mul(X, C(Math.SQRT1_2))] }] },
  C(1),
);
const TANH = add(
  { op: 'Tanh', args: [mul(add(X, mul(mul(mul(X, X), X), C(0.044715))), C(Math.sqrt(2 / Math.PI)))] },
  C(1),
);
const gelu = (inner: Pattern): Pattern => ({ any: [mul(mul(X, C(0.5)), inner), mul(mul(X, inner), C(0.5))] });

const plainConv = (a: Attrs): boolean =>
  (a.auto_pad === undefined || a.auto_pad === 'NOTSET') &&
  Number(a.group ?? 1) === 1 &&
  all(ints(a, 'pads'), 0) &&
  all(ints(a, 'strides'), 1) &&
  all(ints(a, 'dilations'), 1) &&
  all(ints(a, 'kernel_shape'), 1);
const LRN: Pattern = {
  op: 'Div',
  args: [
    X,
    {
      op: 'Pow',
      args: [
        add(mul({ op: 'Conv', args: [mul(X, X), { cap: 'band' }], when: plainConv }, { cap: 'scale' }), { cap: 'k' }),
        { cap: 'beta' },
      ],
    },
  ],
};

const poolOk = (a: Attrs): boolean =>
  (a.auto_pad === undefined || a.auto_pad === 'NOTSET') &&
  all(ints(a, 'dilations'), 1) &&
  ints(a, 'kernel_shape')?.length === 2;
const AVG_FACTOR: Pattern = mul(
  {
    op: 'AveragePool',
    args: [X],
    as: 'pool',
    // 2-D (AvgPool2d) or 1-D (AvgPool1d, onnx-avg1d.ts).
    when: (a) =>
      (poolOk(a) || (ints(a, 'kernel_shape')?.length === 1 && poolOk({ ...a, kernel_shape: [1, 1] }))) &&
      a.count_include_pad === 1 &&
      !a.ceil_mode,
  },
  { cap: 'factor' },
);
const PAD_CONST = (a: Attrs): boolean => (a.mode ?? 'constant') === 'constant';
const padAvg = (padArgs: Pattern[]): Pattern => ({
  op: 'AveragePool',
  as: 'pool',
  when: (a) => poolOk(a) && all(ints(a, 'pads'), 0),
  args: [{ op: 'Pad', when: PAD_CONST, args: [X, { cap: 'pads' }, ...padArgs] }],
});
const PAD_AVG: Pattern = { any: [padAvg([]), padAvg([{ any: [{ empty: true }, C(0)] }])] };

const slice = (args: Pattern[]): Pattern => ({
  op: 'Slice',
  args: [{ op: 'Shape', args: [X], when: (a) => a.start === undefined && a.end === undefined }, ...args],
});
const SIZES: Pattern = {
  op: 'Concat',
  when: (a) => Number(a.axis) === 0,
  args: [
    {
      any: [
        slice([{ cap: 'starts' }, { cap: 'ends' }]),
        slice([{ cap: 'starts' }, { cap: 'ends' }, { cap: 'axes' }]),
        slice([{ cap: 'starts' }, { cap: 'ends' }, { cap: 'axes' }, { cap: 'steps' }]),
      ],
    },
    { any: [{ cap: 'tail' }, { op: 'Cast', args: [{ cap: 'tail' }] }] },
  ],
};
const RESIZE_SIZES: Pattern = { op: 'Resize', as: 'resize', args: [X, { empty: true }, { empty: true }, SIZES] };

/** Folds the patterns above; the later node wins, so a larger pattern claims its nodes first. */
export function findPatterns(g: GraphIndex): Map<number, Replacement> {
  const out = new Map<number, Replacement>();
  const taken = new Set<number>();
  const v = (name: string | undefined) => (name ? constValues(g, name) : undefined);
  const dims = (name: string | undefined): number[] => (name ? (g.inits.get(name)?.dims ?? []).map(Number) : []);
  type M = { caps: Record<string, string>; named: Record<string, number> };
  // Each: the pattern, the layer once the input's shape is known, and an optional check without shapes
  // (a failed check leaves the nodes to be imported one by one, e.g. torch's ZeroPad2d + AvgPool2d).
  const patterns: [Pattern, (m: M, inShape: Shape) => Layer | undefined, ((m: M) => boolean)?][] = [
    [gelu(ERF), () => ({ type: 'GELU', params: {} })],
    [gelu(TANH), () => ({ type: 'GELU', params: { approximate: 'tanh' } })],
    [LRN, (m, s) => lrnLayer(v(m.caps.band), dims(m.caps.band), v(m.caps.scale), v(m.caps.k), v(m.caps.beta), s)],
    [AVG_FACTOR, (m, s) => avgFactorLayer(attrs(g.nodes[m.named.pool]), v(m.caps.factor), s)],
    [
      PAD_AVG,
      (m, s) => padAvgLayer(attrs(g.nodes[m.named.pool]), v(m.caps.pads), s),
      (m) => padAvgPads(attrs(g.nodes[m.named.pool]), v(m.caps.pads)) !== undefined,
    ],
    [
      RESIZE_SIZES,
      (m, s) =>
        sizesLayer(
          g.nodes[m.named.resize],
          v(m.caps.starts),
          v(m.caps.ends),
          v(m.caps.axes),
          v(m.caps.steps),
          v(m.caps.tail),
          s,
        ),
    ],
    ...activationPatterns(v),
    ...normPatterns(v, dims, (k) => attrs(g.nodes[k])),
  ];
  for (let k = g.nodes.length - 1; k >= 0; k--) {
    if (taken.has(k)) continue;
    for (const [p, layer, pre] of patterns) {
      const m = matchAt(g, p, k);
      if (!m || m.nodes.some((j) => taken.has(j)) || (pre && !pre(m))) continue;
      m.nodes.forEach((j) => taken.add(j));
      out.set(k, { input: m.x as string, nodes: m.nodes, layer: (s) => layer(m, s) });
      break;
    }
    const a = out.has(k) ? undefined : (matchAdaptive(g, k) ?? matchTorchLrn(g, k) ?? matchChannelShuffle(g, k));
    if (a && !a.nodes.some((j) => taken.has(j))) {
      a.nodes.forEach((j) => taken.add(j));
      out.set(k, a);
    }
  }
  return out;
}

/** PyTorch's LRN window for output channel o: [o - size//2, o + (size-1)//2]. */
function lrnLayer(
  band: Float64Array | undefined,
  bd: number[],
  scale: Float64Array | undefined,
  k: Float64Array | undefined,
  beta: Float64Array | undefined,
  s: Shape,
): Layer | undefined {
  const ch = s[0];
  if (!band || !scale || !k || !beta || scale.length !== 1 || k.length !== 1 || beta.length !== 1) return undefined;
  if (bd.length !== s.length + 1 || bd[0] !== ch || bd[1] !== ch || bd.slice(2).some((d) => d !== 1)) return undefined;
  for (let size = 1; size <= 2 * ch; size++) {
    let same = true;
    for (let o = 0; o < ch && same; o++)
      for (let i = 0; i < ch && same; i++)
        same = band[o * ch + i] === (i >= o - Math.floor(size / 2) && i <= o + Math.floor((size - 1) / 2) ? 1 : 0);
    if (!same) continue;
    const alpha = shortest(scale[0] * size, (d) => Math.fround(d / size) === Math.fround(scale[0]));
    return { type: 'LocalResponseNorm', params: { size, alpha, beta: f32(beta[0]), k: f32(k[0]) } };
  }
  return undefined;
}

const outShape = (l: Layer, s: Shape): Shape | undefined => {
  const spec = getLayer(l.type);
  const parsed = spec?.schema.safeParse(l.params);
  const r = parsed?.success ? spec?.inferShape([s], parsed.data) : undefined;
  return r?.ok ? r.value : undefined;
};

/** AveragePool (zero padding counted) times factor[i, j] = k_h k_w / PyTorch's divisor at (i, j). */
function avgFactorLayer(a: Attrs, factor: Float64Array | undefined, s: Shape): Layer | undefined {
  if (s.length === 2) return avgFactorLayer1d(a, factor, s);
  const k = ints(a, 'kernel_shape') as number[];
  const st = ints(a, 'strides') ?? [1, 1];
  const pads = ints(a, 'pads') ?? [0, 0, 0, 0];
  if (!factor || s.length !== 3 || pads[2] < pads[0] || pads[3] < pads[1]) return undefined;
  const out = [0, 1].map((i) => Math.floor((s[i + 1] + pads[i] + pads[i + 2] - k[i]) / st[i]) + 1);
  if (factor.length !== out[0] * out[1]) return undefined;
  const uniform = factor.every((f) => near(f, factor[0]));
  const d = Math.round((k[0] * k[1]) / factor[0]);
  for (const divisor_override of uniform && d !== 0 ? [null, d] : [null]) {
    for (const ceil_mode of [false, true]) {
      for (const count_include_pad of [true, false]) {
        const params = {
          kernel_size: k[0] === k[1] ? k[0] : k,
          stride: poolStride(k, st),
          padding: pads[0] === pads[1] ? pads[0] : [pads[0], pads[1]],
          ceil_mode,
          count_include_pad,
          divisor_override,
        };
        const got = outShape({ type: 'AvgPool2d', params }, s);
        if (!got || got[1] !== out[0] || got[2] !== out[1]) continue;
        let same = true;
        for (let i = 0; i < out[0] && same; i++)
          for (let j = 0; j < out[1] && same; j++)
            same = near(
              factor[i * out[1] + j],
              (k[0] * k[1]) / divisor([i, j], s.slice(1), k, st, [pads[0], pads[1]], params as PoolParams),
            );
        if (same) return { type: 'AvgPool2d', params };
      }
    }
  }
  return undefined;
}

/** The [top, left] padding of torch.onnx's count_include_pad=True form: Pad(x, [0, 0, t, l, 0, 0, t, l]), t and l at most half the kernel. */
function padAvgPads(a: Attrs, pads: Float64Array | undefined): number[] | undefined {
  const k = ints(a, 'kernel_shape') as number[];
  if (
    !pads ||
    pads.length !== 8 ||
    pads[0] ||
    pads[1] ||
    pads[4] ||
    pads[5] ||
    pads[2] !== pads[6] ||
    pads[3] !== pads[7]
  )
    return undefined;
  if (pads[2] < 0 || pads[3] < 0 || pads[2] > Math.floor(k[0] / 2) || pads[3] > Math.floor(k[1] / 2)) return undefined;
  // With ceil_mode, a window past the padded input must be divided by its inside count (ONNX's count_include_pad=0).
  return Number(a.ceil_mode ?? 0) === 1 && Number(a.count_include_pad ?? 0) !== 0 ? undefined : [pads[2], pads[3]];
}

/** torch.onnx's count_include_pad=True: a zero Pad then an unpadded AveragePool. */
function padAvgLayer(a: Attrs, pads: Float64Array | undefined, s: Shape): Layer | undefined {
  const k = ints(a, 'kernel_shape') as number[];
  const st = ints(a, 'strides') ?? [1, 1];
  const p = padAvgPads(a, pads);
  if (!p || s.length !== 3) return undefined;
  const ceil = Number(a.ceil_mode ?? 0) === 1;
  const params = {
    kernel_size: k[0] === k[1] ? k[0] : k,
    stride: poolStride(k, st),
    padding: p[0] === p[1] ? p[0] : p,
    ceil_mode: ceil,
    count_include_pad: true,
  };
  const want = [0, 1].map((i) => (ceil ? Math.ceil : Math.floor)((s[i + 1] + 2 * p[i] - k[i]) / st[i]) + 1);
  const got = outShape({ type: 'AvgPool2d', params }, s);
  return got && got[1] === want[0] && got[2] === want[1] ? { type: 'AvgPool2d', params } : undefined;
}

/** Resize to Concat(Slice(Shape(x), 0, e), tail): the batch (and, for e = 1, the channels from tail) kept. */
function sizesLayer(
  n: OnnxNodeIn,
  starts?: Float64Array,
  ends?: Float64Array,
  axes?: Float64Array,
  steps?: Float64Array,
  tail?: Float64Array,
  s?: Shape,
): Layer | undefined {
  if (!starts || !ends || !tail || !s || starts.length !== 1 || starts[0] !== 0 || ends.length !== 1) return undefined;
  if ((axes && (axes.length !== 1 || axes[0] !== 0)) || (steps && (steps.length !== 1 || steps[0] !== 1)))
    return undefined;
  const e = ends[0];
  if ((e !== 1 && e !== 2) || tail.length !== 4 - e || (e === 1 && tail[0] !== s[0])) return undefined;
  const r = resizeLayer(attrs(n), undefined, [0, s[0], tail[tail.length - 2], tail[tail.length - 1]], s);
  return r.ok ? r.value : undefined;
}
