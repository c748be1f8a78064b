import { float } from '../../compiler/onnx/builder';
import { unary, type OnnxConvert } from '../../compiler/onnx/op';

export const onnx: OnnxConvert = unary('LeakyRelu', (p) => ({ alpha: float(p.negative_slope as number) }));
