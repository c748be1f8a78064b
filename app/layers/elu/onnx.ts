import { float } from '../../compiler/onnx/builder';
import { unary, type OnnxConvert } from '../../compiler/onnx/op';

export const onnx: OnnxConvert<{ alpha: number }> = unary('Elu', (p) => ({ alpha: float(p.alpha) }));
