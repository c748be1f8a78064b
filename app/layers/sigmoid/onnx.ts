import { unary, type OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { sigmoid } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof sigmoid>> = unary('Sigmoid');
