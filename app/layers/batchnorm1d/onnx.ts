import { batchNorm } from '../../compiler/onnx/batchnorm';
import type { OnnxConvert } from '../../compiler/onnx/op';

export const onnx: OnnxConvert = batchNorm;
