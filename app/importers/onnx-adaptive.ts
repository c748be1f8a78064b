/**
 * Netloom's AdaptiveAvgPool2d / AdaptiveMaxPool2d (and AdaptiveAvg/MaxPool1d on [C, L]) when the output
 * does not divide the input: per axis (H, then W; L) one Slice [start, end) + ReduceMean (ReduceMax)
 * per output position, joined by a Concat on that axis; an axis whose size stays the same has no
 * stage. The ranges must be PyTorch's adaptive windows [floor(i n / m), ceil((i + 1) n / m))
 * exactly; the unpooled axis comes back as None.
 */
import type { Shape } from '../graph/types';
import { getLayer } from '../layers/registry';
import { closed, constValues, type GraphIndex, inputsOf } from './onnx-match';
import { attrs } from './onnx-types';

export interface AdaptiveMatch {
  input: string;
  nodes: number[];
  layer(inShape: Shape): { type: string; params: Record<string, unknown> } | undefined;
}

interface Stage {
  src: string;
  ranges: [number, number][];
  nodes: number[];
}

const single = (v: Float64Array | undefined): number | undefined => (v && v.length === 1 ? v[0] : undefined);

/** One axis' stage ending in `value`, or undefined. */
function stage(g: GraphIndex, value: string, axis: number, reduce: string): Stage | undefined {
  const k = g.producer.get(value);
  if (k === undefined || g.inits.has(value)) return undefined;
  const n = g.nodes[k];
  const isConcat = n.opType === 'Concat' && Number(attrs(n).axis) === axis;
  const parts = isConcat ? inputsOf(n) : [value];
  const nodes = isConcat ? [k] : [];
  const ranges: [number, number][] = [];
  let src: string | undefined;
  for (const part of parts) {
    const r = g.producer.get(part);
    const rm = r === undefined ? undefined : g.nodes[r];
    const ra = rm ? attrs(rm) : {};
    if (
      !rm ||
      rm.opType !== reduce ||
      Number(ra.keepdims ?? 1) !== 1 ||
      JSON.stringify(ra.axes) !== `[${axis}]` ||
      inputsOf(rm).length !== 1
    )
      return undefined;
    const s = g.producer.get(inputsOf(rm)[0]);
    const sl = s === undefined ? undefined : g.nodes[s];
    const si = sl ? inputsOf(sl) : [];
    if (!sl || sl.opType !== 'Slice' || si.length !== 4 || single(constValues(g, si[3])) !== axis) return undefined;
    const [start, end] = [single(constValues(g, si[1])), single(constValues(g, si[2]))];
    if (start === undefined || end === undefined || (src !== undefined && si[0] !== src)) return undefined;
    src = si[0];
    ranges.push([start, end]);
    nodes.push(r as number, s as number);
  }
  return src === undefined ? undefined : { src, ranges, nodes };
}

const adaptive = (r: [number, number][], n: number): boolean =>
  r.every(([s, e], i) => s === Math.floor((i * n) / r.length) && e === Math.ceil(((i + 1) * n) / r.length));

export function matchAdaptive(g: GraphIndex, k: number): AdaptiveMatch | undefined {
  return matchOne(g, k, 'ReduceMean') ?? matchOne(g, k, 'ReduceMax');
}

function matchOne(g: GraphIndex, k: number, reduce: 'ReduceMean' | 'ReduceMax'): AdaptiveMatch | undefined {
  const out = g.nodes[k].output?.[0];
  if (!out) return undefined;
  const w = stage(g, out, 3, reduce);
  const h = stage(g, w ? w.src : out, 2, reduce);
  if (!w && !h) return undefined;
  const input = (h ?? w)?.src as string;
  if (g.inits.has(input)) return undefined;
  const nodes = closed(g, [...(w?.nodes ?? []), ...(h?.nodes ?? [])], k);
  if (!nodes) return undefined;
  return {
    input,
    nodes,
    layer(s) {
      // [C, L]: the one stage is on axis 2, L: AdaptiveAvgPool1d (AdaptiveMaxPool1d) where that kind is registered.
      if (s.length === 2) {
        const type = reduce === 'ReduceMean' ? 'AdaptiveAvgPool1d' : 'AdaptiveMaxPool1d';
        if (!h || w || !adaptive(h.ranges, s[1]) || !getLayer(type)) return undefined;
        return { type, params: { output_size: h.ranges.length } };
      }
      if (s.length !== 3 || (h && !adaptive(h.ranges, s[1])) || (w && !adaptive(w.ranges, s[2]))) return undefined;
      // An axis without a stage keeps its size (the exporter skips it only then): None.
      const [oh, ow] = [h ? h.ranges.length : null, w ? w.ranges.length : null];
      const type = reduce === 'ReduceMean' ? 'AdaptiveAvgPool2d' : 'AdaptiveMaxPool2d';
      return { type, params: { output_size: oh !== null && oh === ow ? oh : [oh, ow] } };
    },
  };
}

/**
 * torch.onnx (and Netloom) write an adaptive pool whose output divides the input as an AveragePool
 * (MaxPool) with kernel_shape = strides = input / output and nothing else (torch adds zero pads to
 * a MaxPool), while nn.AvgPool2d and nn.MaxPool2d always write pads and ceil_mode. Such a pool from
 * those producers is AdaptiveAvgPool2d((oh, ow)) (alexnet's (6, 6) on a 6x6 map even has kernel 1),
 * AdaptiveMaxPool2d or, over [C, L], AdaptiveAvgPool1d, which keeps its output size at another
 * input size; undefined for any other pool.
 */
export function adaptiveFromPool(
  producer: string | undefined,
  op: string,
  a: Record<string, unknown>,
  inShape: Shape,
): { type: string; params: Record<string, unknown> } | undefined {
  if (producer !== 'pytorch' && producer !== 'netloom') return undefined;
  const type =
    op === 'AveragePool'
      ? inShape.length === 3
        ? 'AdaptiveAvgPool2d'
        : inShape.length === 2
          ? 'AdaptiveAvgPool1d'
          : undefined
      : op === 'MaxPool' && inShape.length === 3
        ? 'AdaptiveMaxPool2d'
        : undefined;
  if (!type) return undefined;
  const zeroPads = Array.isArray(a.pads) && (a.pads as number[]).every((v) => v === 0);
  if (Object.keys(a).some((k) => k !== 'kernel_shape' && k !== 'strides' && !(k === 'pads' && zeroPads)))
    return undefined;
  const k = a.kernel_shape;
  const s = a.strides;
  const rank = inShape.length - 1;
  if (!Array.isArray(k) || !Array.isArray(s) || k.length !== rank || JSON.stringify(k) !== JSON.stringify(s))
    return undefined;
  const out = (k as number[]).map((kk, i) => inShape[i + 1] / kk);
  if (!out.every((o) => Number.isInteger(o) && o > 0)) return undefined;
  return { type, params: { output_size: rank === 1 ? out[0] : out } };
}
