import { str } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { zeroPadSides, type ZeroPad2dParams } from './spec';

/**
 * ZeroPad2d: Pad (mode constant); ONNX's pads are [N, C, top, left] begins then [N, C, bottom, right] ends.
 * The pad value is -0.0, equal to 0 in every later operation: onnxruntime's PadFusion folds a Pad whose
 * value is all zero bytes into a following MaxPool's pads, which pad with -inf (wrong results, or
 * "Pad should be smaller than kernel"); a -0.0 has a sign byte, so the Pad stays.
 */
export const onnx: OnnxConvert<ZeroPad2dParams> = (c) => {
  const [l, r, t, b] = zeroPadSides(c.p);
  const pads = c.b.intConst('pads', [0, 0, t, l, 0, 0, b, r]);
  return ok(c.b.op('Pad', [c.inputs[0], pads, c.b.floatConst('pad_value', [-0], [])], { mode: str('constant') }));
};
