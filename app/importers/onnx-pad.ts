/**
 * ONNX Pad -> nn.ZeroPad2d, only for what ZeroPad2d computes: mode constant, value 0 (or -0, as
 * Netloom writes it), pads on H and W only and none negative. Pads [N, C, top, left, N, C, bottom,
 * right] (opset 11+: a constant input; before: the `pads` attribute) become (left, right, top, bottom).
 */
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import type { Attrs } from './onnx-types';

export function zeroPadLayer(
  a: Attrs,
  pads: ArrayLike<number> | undefined,
  fill: number | undefined,
  s: Shape,
): Result<{ type: 'ZeroPad2d'; params: { padding: number | number[] } }> {
  if (String(a.mode ?? 'constant') !== 'constant')
    return err(`only mode 'constant' is imported (PyTorch's ZeroPad2d), not '${String(a.mode)}'`);
  if ((fill ?? 0) !== 0) return err(`only padding with zeros is imported (ZeroPad2d), not with ${fill}`);
  if (s.length !== 3) return err('only Pad of [N, C, H, W] is imported');
  if (!pads || pads.length !== 8)
    return err('only Pad with 8 constant pads ([N, C, H, W] begins and ends) is imported');
  const [n0, c0, t, l, n1, c1, b, r] = Array.from(pads);
  if (n0 || c0 || n1 || c1) return err('only padding of H and W is imported (ZeroPad2d), not of N or C');
  if ([t, l, b, r].some((v) => v < 0)) return err('negative pads (cropping) are not imported');
  return ok({ type: 'ZeroPad2d', params: { padding: l === r && r === t && t === b ? l : [l, r, t, b] } });
}
