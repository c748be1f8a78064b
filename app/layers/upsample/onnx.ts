import { int, str } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import type { OnnxAttr } from '../../compiler/onnx/types';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { upsample } from './spec';

/** Resize with PyTorch's coordinate transform (nearest: asymmetric floor; bilinear: half-pixel or align_corners). */
export const onnx: OnnxConvert<ParamsOf<typeof upsample>> = (c) => {
  const { b, p } = c;
  const x = c.inputs[0];
  const attrs: Record<string, OnnxAttr> =
    p.mode === 'bilinear'
      ? {
          mode: str('linear'),
          coordinate_transformation_mode: str(p.align_corners ? 'align_corners' : 'pytorch_half_pixel'),
        }
      : { mode: str('nearest'), coordinate_transformation_mode: str('asymmetric'), nearest_mode: str('floor') };
  if (p.scale_factor !== null) {
    const sf = typeof p.scale_factor === 'number' ? [p.scale_factor, p.scale_factor] : p.scale_factor;
    return ok(b.op('Resize', [x, '', b.floatConst('scales', [1, 1, sf[0], sf[1]], [4])], attrs));
  }
  const batch = b.op('Slice', [b.op('Shape', [x]), b.intConst('zero', [0]), b.intConst('one', [1])]);
  const sizes = b.op('Concat', [batch, b.intConst('size', c.outShape)], { axis: int(0) });
  return ok(b.op('Resize', [x, '', '', sizes], attrs));
};
