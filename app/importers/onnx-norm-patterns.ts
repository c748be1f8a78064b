/**
 * Normalizations that torch.onnx 1.13 (opset 13) and Netloom's exporter write as several operators,
 * each read back as one layer with its weights:
 * - LayerNorm: ReduceMean(x, trailing axes) -> Sub -> Pow 2 -> ReduceMean -> Add eps -> Sqrt -> Div,
 *   then Mul weight -> Add bias when elementwise_affine (LayerNormalization itself is opset 17);
 * - GroupNorm: Reshape [N, G, -1] -> InstanceNormalization (scale ones, bias zeros) -> Reshape to
 *   Shape(x), then Mul weight [C, 1, 1] -> Add bias when affine.
 * ChannelShuffle's Reshape/Transpose/Reshape is onnx-shuffle.ts.
 */
import type { Shape } from '../graph/types';
import type { ImportedWeight } from './kind-import';
import type { Pattern } from './onnx-match';
import { type Attrs, f32 } from './onnx-types';

export interface WeightedLayer {
  type: string;
  params: Record<string, unknown>;
  weights?: Record<string, ImportedWeight>;
}
type Caps = { caps: Record<string, string>; named: Record<string, number> };
type Values = (name: string | undefined) => Float64Array | undefined;
type Dims = (name: string | undefined) => number[];
type AttrsOf = (node: number) => Attrs;
export type NormPatternEntry = [Pattern, (m: Caps, inShape: Shape) => WeightedLayer | undefined];

const X: Pattern = { x: true };
const keep = (a: Attrs): boolean => Number(a.keepdims ?? 1) === 1 && Array.isArray(a.axes);
const XC: Pattern = { op: 'Sub', args: [X, { op: 'ReduceMean', args: [X], as: 'mean', when: keep }] };
const LN: Pattern = {
  op: 'Div',
  args: [
    XC,
    {
      op: 'Sqrt',
      args: [
        {
          op: 'Add',
          comm: true,
          args: [
            { op: 'ReduceMean', as: 'var', when: keep, args: [{ op: 'Pow', args: [XC, { c: 2 }] }] },
            { cap: 'eps' },
          ],
        },
      ],
    },
  ],
};
const affine = (p: Pattern): Pattern => ({
  op: 'Add',
  comm: true,
  args: [{ op: 'Mul', comm: true, args: [p, { cap: 'w' }] }, { cap: 'b' }],
});
const GN: Pattern = {
  op: 'Reshape',
  args: [
    {
      op: 'InstanceNormalization',
      as: 'in',
      args: [{ op: 'Reshape', args: [X, { cap: 'groups' }] }, { cap: 'scale' }, { cap: 'bias' }],
    },
    { op: 'Shape', args: [X], when: (a) => a.start === undefined && a.end === undefined },
  ],
};

const prod = (s: readonly number[]) => s.reduce((p, q) => p * q, 1);
const noLeadingOnes = (s: readonly number[]) => s.slice(s.findIndex((d) => d !== 1));
const scalar = (v: Float64Array | undefined): number | undefined => (v && v.length === 1 ? v[0] : undefined);

/** The trailing per-sample dims the axes reduce (same axes in both means), or undefined. */
function lnShape(mean: Attrs, variance: Attrs, s: Shape): number[] | undefined {
  const rank = s.length + 1;
  const norm = (axes: unknown) => (axes as number[]).map((d) => (d < 0 ? d + rank : d)).sort((p, q) => p - q);
  const a = norm(mean.axes);
  if (a.join() !== norm(variance.axes).join() || a.length === 0) return undefined;
  const first = rank - a.length;
  if (first < 1 || a.some((d, i) => d !== first + i)) return undefined;
  return s.slice(first - 1);
}

export function normPatterns(v: Values, dims: Dims, attrsOf: AttrsOf): NormPatternEntry[] {
  const layerNorm = (m: Caps, s: Shape, withAffine: boolean): WeightedLayer | undefined => {
    const shape = lnShape(attrsOf(m.named.mean), attrsOf(m.named.var), s);
    const eps = scalar(v(m.caps.eps));
    if (!shape || eps === undefined || eps <= 0) return undefined;
    const params: Record<string, unknown> = { normalized_shape: shape.length === 1 ? shape[0] : shape };
    if (f32(eps) !== 1e-5) params.eps = f32(eps);
    if (!withAffine) return { type: 'LayerNorm', params: { ...params, elementwise_affine: false } };
    const w = v(m.caps.w);
    const b = v(m.caps.b);
    const fits = (name: string) => noLeadingOnes(dims(name)).join() === noLeadingOnes(shape).join();
    if (!w || !b || w.length !== prod(shape) || b.length !== prod(shape) || !fits(m.caps.w) || !fits(m.caps.b))
      return undefined;
    return { type: 'LayerNorm', params, weights: { weight: [w, shape], bias: [b, shape] } };
  };
  const groupNorm = (m: Caps, s: Shape, withAffine: boolean): WeightedLayer | undefined => {
    const target = v(m.caps.groups);
    const scale = v(m.caps.scale);
    const bias = v(m.caps.bias);
    const c = s[0];
    if (!target || target.length !== 3 || !(target[0] === 0 || target[0] > 0) || target[2] !== -1) return undefined;
    const g = target[1];
    if (!Number.isInteger(g) || g < 1 || c % g !== 0 || !scale || !bias) return undefined;
    if (scale.length !== g || bias.length !== g || scale.some((x) => x !== 1) || bias.some((x) => x !== 0))
      return undefined;
    const eps = f32(Number(attrsOf(m.named.in).epsilon ?? 1e-5));
    const params: Record<string, unknown> = { num_groups: g, ...(eps === 1e-5 ? {} : { eps }) };
    if (!withAffine) return { type: 'GroupNorm', params: { ...params, affine: false } };
    const w = v(m.caps.w);
    const b = v(m.caps.b);
    // torch.onnx writes affine=False as a Mul by 1 and an Add of 0 ([1, 1, 1] constants); a weight, even
    // at its initial ones, is per channel ([C, 1, 1]).
    if (w?.length === 1 && w[0] === 1 && b?.length === 1 && b[0] === 0)
      return { type: 'GroupNorm', params: { ...params, affine: false } };
    // [C, 1, ...] so that it broadcasts on the channels.
    const perChannel = (name: string) => {
      const d = dims(name);
      return d.length === s.length && d[0] === c && d.slice(1).every((x) => x === 1);
    };
    if (!w || !b || w.length !== c || b.length !== c || !perChannel(m.caps.w) || !perChannel(m.caps.b))
      return undefined;
    return { type: 'GroupNorm', params, weights: { weight: [w, [c]], bias: [b, [c]] } };
  };
  return [
    [affine(LN), (m, s) => layerNorm(m, s, true)],
    [LN, (m, s) => layerNorm(m, s, false)],
    [affine(GN), (m, s) => groupNorm(m, s, true)],
    [GN, (m, s) => groupNorm(m, s, false)],
  ];
}
