import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { relu6 } from './spec';

/** Clip(x, 0, 6), as torch.onnx writes nn.ReLU6 (opset 13: the bounds are inputs). */
export const onnx: OnnxConvert<ParamsOf<typeof relu6>> = (c) =>
  ok(c.b.op('Clip', [c.inputs[0], c.b.floatConst('zero', [0], []), c.b.floatConst('six', [6], [])]));
