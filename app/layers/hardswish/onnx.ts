import { float } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { hardswish } from './spec';

/** Mul(x, HardSigmoid(x, alpha=1/6, beta=0.5)), as torch.onnx writes nn.Hardswish at opset 13 (HardSwish is opset 14). */
export const onnx: OnnxConvert<ParamsOf<typeof hardswish>> = (c) =>
  ok(c.b.op('Mul', [c.inputs[0], c.b.op('HardSigmoid', [c.inputs[0]], { alpha: float(1 / 6), beta: float(0.5) })]));
