/**
 * ONNX Resize -> nn.Upsample, only where the two agree exactly: nearest with asymmetric coordinates
 * and floor rounding (PyTorch's 'nearest'); linear with align_corners, pytorch_half_pixel, or
 * half_pixel when no output side is 1 (where half_pixel and PyTorch differ). Scales [1, 1, h, w]
 * become scale_factor; sizes [N, C, H, W] become size.
 */
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import type { Attrs } from './onnx-types';

export interface ResizeLayer {
  type: 'Upsample';
  params: Record<string, unknown>;
}

const one = (v: number[]): number | [number, number] => (v[0] === v[1] ? v[0] : [v[0], v[1]]);

export function resizeLayer(
  a: Attrs,
  scales: ArrayLike<number> | undefined,
  sizes: ArrayLike<number> | undefined,
  s: Shape,
): Result<ResizeLayer> {
  const mode = String(a.mode ?? 'nearest');
  const coord = String(a.coordinate_transformation_mode ?? 'half_pixel');
  const hasScales = scales !== undefined && scales.length > 0;
  const hasSizes = sizes !== undefined && sizes.length > 0;
  if (s.length !== 3) return err(`only Resize of [N, C, H, W] is imported`);
  if (hasScales === hasSizes) return err('only Resize by constant scales or constant sizes is imported');
  let size: number[] | undefined;
  let scale: number[] | undefined;
  if (hasScales) {
    if (scales.length !== 4 || scales[0] !== 1 || scales[1] !== 1 || !(scales[2] > 0) || !(scales[3] > 0))
      return err('only scales [1, 1, h, w] are imported');
    scale = [scales[2], scales[3]];
  } else if (sizes) {
    if (sizes.length !== 4 || sizes[1] !== s[0] || !(sizes[2] >= 1) || !(sizes[3] >= 1))
      return err(`only sizes [N, ${s[0]}, H, W] are imported`);
    size = [sizes[2], sizes[3]];
  }
  const outHW = size ?? [Math.floor(s[1] * (scale as number[])[0]), Math.floor(s[2] * (scale as number[])[1])];
  const base = size ? { size: one(size) } : { scale_factor: one(scale as number[]) };
  if (mode === 'nearest') {
    if (coord !== 'asymmetric' || String(a.nearest_mode ?? 'round_prefer_floor') !== 'floor')
      return err(
        "only nearest Resize with coordinate_transformation_mode 'asymmetric' and nearest_mode 'floor' (PyTorch's nearest) is imported",
      );
    return ok({ type: 'Upsample', params: { ...base, mode: 'nearest' } });
  }
  if (mode !== 'linear') return err(`Resize mode '${mode}' is not imported (nearest and linear are)`);
  if (coord === 'align_corners')
    return ok({ type: 'Upsample', params: { ...base, mode: 'bilinear', align_corners: true } });
  if (coord === 'pytorch_half_pixel' || (coord === 'half_pixel' && outHW[0] > 1 && outHW[1] > 1))
    return ok({ type: 'Upsample', params: { ...base, mode: 'bilinear' } });
  return err(`linear Resize with coordinate_transformation_mode '${coord}' has no nn.Upsample equivalent`);
}
