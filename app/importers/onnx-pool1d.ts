/** ONNX MaxPool/AveragePool over [N, C, L] as MaxPool1d/AvgPool1d: a larger end pad is ceil_mode. */
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import type { ImportedLayer, OnnxImportContext } from './kind-import';

export function onnxPool1d(
  type: 'MaxPool1d' | 'AvgPool1d',
  { attrs: a, inShape }: OnnxImportContext,
): Result<ImportedLayer> {
  const one = (v: unknown, d: number) => (Array.isArray(v) && v.length > 0 ? Number(v[0]) : d);
  const k = one(a.kernel_shape, 1);
  const s = one(a.strides, 1);
  const d = one(a.dilations, 1);
  const pads = (a.pads as number[]) ?? [0, 0];
  const want = Math.floor((inShape[1] + pads[0] + pads[1] - d * (k - 1) - 1) / s + (a.ceil_mode ? 1 - 1e-9 : 0)) + 1;
  const base: Record<string, unknown> = { kernel_size: k, stride: s, padding: pads[0] };
  if (type === 'MaxPool1d' && d !== 1) base.dilation = d;
  if (type === 'AvgPool1d' && a.count_include_pad !== 1 && pads[0]) base.count_include_pad = false;
  // The file's ceil_mode is kept where it makes no difference at this input size (it would at another).
  const order = a.ceil_mode ? [true, false] : pads[0] === pads[1] ? [false] : [false, true];
  for (const ceil of order) {
    const params = ceil ? { ...base, ceil_mode: true } : base;
    const spec = getLayer(type);
    const parsed = spec?.schema.safeParse(params);
    if (!parsed?.success) continue;
    const shape = spec?.inferShape([inShape], parsed.data);
    if (shape?.ok && shape.value[1] === want) return ok({ type, params });
  }
  return err(`pads ${JSON.stringify(pads)} have no PyTorch ${type} equivalent`);
}
