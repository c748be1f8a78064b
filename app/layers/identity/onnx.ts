import { unary, type OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { identity } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof identity>> = unary('Identity');
