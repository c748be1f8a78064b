import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { silu } from './spec';

/** Mul(x, Sigmoid(x)), as torch.onnx writes nn.SiLU. */
export const onnx: OnnxConvert<ParamsOf<typeof silu>> = (c) =>
  ok(c.b.op('Mul', [c.inputs[0], c.b.op('Sigmoid', [c.inputs[0]])]));
