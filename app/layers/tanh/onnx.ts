import { unary, type OnnxConvert } from '../../compiler/onnx/op';

export const onnx: OnnxConvert = unary('Tanh');
