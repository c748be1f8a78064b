import { unary, type OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { tanh } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof tanh>> = unary('Tanh');
