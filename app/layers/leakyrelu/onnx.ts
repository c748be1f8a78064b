import { float } from '../../compiler/onnx/builder';
import { unary, type OnnxConvert } from '../../compiler/onnx/op';

export const onnx: OnnxConvert<{ negative_slope: number }> = unary('LeakyRelu', (p) => ({
  alpha: float(p.negative_slope),
}));
