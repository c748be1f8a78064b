import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

/** Mul(x, Sigmoid(x)), as torch.onnx writes nn.SiLU. */
export const onnx: OnnxConvert = (c) => ok(c.b.op('Mul', [c.inputs[0], c.b.op('Sigmoid', [c.inputs[0]])]));
