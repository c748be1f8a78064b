import { unary, type OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { relu } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof relu>> = unary('Relu');
