/** Netloom's AvgPool1d with ceil_mode: AveragePool over [N, C, L] (zero padding counted) times factor[i] = k / PyTorch's divisor at i. */
import { divisor } from '../compiler/onnx/pool';
import type { Shape } from '../graph/types';
import { getLayer } from '../layers/registry';
import { near } from './onnx-match';
import type { Attrs } from './onnx-types';

export function avgFactorLayer1d(
  a: Attrs,
  factor: Float64Array | undefined,
  s: Shape,
): { type: string; params: Record<string, unknown> } | undefined {
  const one = (k: string, d: number) =>
    Array.isArray(a[k]) && (a[k] as number[]).length > 0 ? (a[k] as number[])[0] : d;
  const k = one('kernel_shape', 1);
  const st = one('strides', 1);
  const pads = Array.isArray(a.pads) ? (a.pads as number[]) : [0, 0];
  if (!factor || s.length !== 2 || pads[1] < pads[0]) return undefined;
  const out = Math.floor((s[1] + pads[0] + pads[1] - k) / st) + 1;
  if (factor.length !== out) return undefined;
  const spec = getLayer('AvgPool1d');
  for (const ceil_mode of [false, true]) {
    for (const count_include_pad of [true, false]) {
      const params = { kernel_size: k, stride: st, padding: pads[0], ceil_mode, count_include_pad };
      const parsed = spec?.schema.safeParse(params);
      const got = parsed?.success ? spec?.inferShape([s], parsed.data) : undefined;
      if (!got?.ok || got.value[1] !== out) continue;
      const geometry = { kernel_size: k, stride: st, padding: pads[0], ceil_mode, count_include_pad };
      let same = true;
      for (let i = 0; i < out && same; i++)
        same = near(factor[i], k / divisor([0, i], [1, s[1]], [1, k], [1, st], [0, pads[0]], geometry));
      if (same) return { type: 'AvgPool1d', params };
    }
  }
  return undefined;
}
