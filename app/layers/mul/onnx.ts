import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { mul } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof mul>> = (c) => ok(c.b.op('Mul', c.inputs));
