/** ONNX MaxPool/AveragePool as PyTorch's pools: pads [b_h, b_w, e_h, e_w] with larger end pads are ceil_mode. */
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import type { ImportedLayer, OnnxImportContext } from './kind-import';
import { poolStride } from './onnx-patterns';
import { pairOf, simple } from './onnx-types';

export function onnxPool(
  type: 'MaxPool2d' | 'AvgPool2d',
  { attrs: a, inShape }: OnnxImportContext,
): Result<ImportedLayer> {
  const k = pairOf(a.kernel_shape as number[], 1);
  const s = pairOf(a.strides as number[], 1);
  const d = pairOf(a.dilations as number[], 1);
  const pads = (a.pads as number[]) ?? [0, 0, 0, 0];
  const floorOut = (i: number) =>
    Math.floor((inShape[i + 1] + pads[i] + pads[i + 2] - d[i] * (k[i] - 1) - 1) / s[i] + (a.ceil_mode ? 1 - 1e-9 : 0)) +
    1;
  const want = [floorOut(0), floorOut(1)];
  const base: Record<string, unknown> = {
    kernel_size: simple(k),
    stride: poolStride(k, s),
    padding: simple([pads[0], pads[1]]),
  };
  if (type === 'MaxPool2d' && (d[0] !== 1 || d[1] !== 1)) base.dilation = simple(d);
  if (type === 'AvgPool2d' && a.count_include_pad !== 1 && (pads[0] || pads[1])) base.count_include_pad = false;
  const symmetric = pads[0] === pads[2] && pads[1] === pads[3];
  for (const ceil of symmetric && !a.ceil_mode ? [false] : [false, true]) {
    const params = ceil ? { ...base, ceil_mode: true } : base;
    const spec = getLayer(type);
    const parsed = spec?.schema.safeParse(params);
    if (!parsed?.success) continue;
    const shape = spec?.inferShape([inShape], parsed.data);
    if (shape?.ok && shape.value[1] === want[0] && shape.value[2] === want[1]) return ok({ type, params });
  }
  return err(`pads ${JSON.stringify(pads)} have no PyTorch ${type} equivalent`);
}
