import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { softplus } from './spec';

/**
 * Softplus(x) for PyTorch's defaults (beta 1, threshold 20: in float32 softplus(x) is x past 20, as
 * torch.onnx writes it); otherwise Where(beta·x > threshold, x, Softplus(beta·x) / beta).
 */
export const onnx: OnnxConvert<ParamsOf<typeof softplus>> = (c) => {
  const { b } = c;
  const x = c.inputs[0];
  const { beta, threshold } = c.p;
  if (beta === 1 && threshold === 20) return ok(b.op('Softplus', [x]));
  const bx = b.op('Mul', [x, b.floatConst('beta', [beta], [])]);
  const soft = b.op('Div', [b.op('Softplus', [bx]), b.floatConst('beta', [beta], [])]);
  return ok(b.op('Where', [b.op('Greater', [bx, b.floatConst('threshold', [threshold], [])]), x, soft]));
};
