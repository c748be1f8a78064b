import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

/** Mul(x, Tanh(Softplus(x))), as torch.onnx writes nn.Mish at opset 13 (Mish is opset 18). */
export const onnx: OnnxConvert = (c) =>
  ok(c.b.op('Mul', [c.inputs[0], c.b.op('Tanh', [c.b.op('Softplus', [c.inputs[0]])])]));
