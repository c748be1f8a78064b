import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { unflatten as spec } from './spec';

/** Reshape to [N, ...output] (0 keeps the batch size), as torch.onnx writes x.view(...); it cannot export aten::unflatten. */
export const onnx: OnnxConvert<ParamsOf<typeof spec>> = (c) =>
  ok(c.b.op('Reshape', [c.inputs[0], c.b.intConst('unflatten_shape', [0, ...c.outShape])]));
