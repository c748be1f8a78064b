import { batchNorm } from '../../compiler/onnx/batchnorm';
import type { OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { batchNorm2d } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof batchNorm2d>> = batchNorm;
