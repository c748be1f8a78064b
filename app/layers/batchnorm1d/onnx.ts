import { batchNorm } from '../../compiler/onnx/batchnorm';
import type { OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { batchNorm1d } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof batchNorm1d>> = batchNorm;
