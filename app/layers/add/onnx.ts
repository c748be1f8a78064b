import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { add } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof add>> = (c) =>
  ok(c.b.op(c.inputs.length === 2 ? 'Add' : 'Sum', c.inputs));
