import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { mish } from './spec';

/** Mul(x, Tanh(Softplus(x))), as torch.onnx writes nn.Mish at opset 13 (Mish is opset 18). */
export const onnx: OnnxConvert<ParamsOf<typeof mish>> = (c) =>
  ok(c.b.op('Mul', [c.inputs[0], c.b.op('Tanh', [c.b.op('Softplus', [c.inputs[0]])])]));
