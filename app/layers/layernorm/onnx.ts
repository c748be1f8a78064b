import { int, ints } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { normShape, type LayerNormParams } from './spec';

/**
 * As torch.onnx 1.13 writes nn.LayerNorm at opset 13 (LayerNormalization is opset 17):
 * ReduceMean over the trailing axes, Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div, then Mul weight
 * and Add bias, which broadcast on the trailing dims as they are.
 */
export const onnx: OnnxConvert<LayerNormParams> = (c) => {
  const { b, p } = c;
  const k = normShape(p).length;
  const axes = ints(Array.from({ length: k }, (_, i) => i - k));
  const x = c.inputs[0];
  const mean = b.op('ReduceMean', [x], { axes, keepdims: int(1) });
  const xc = b.op('Sub', [x, mean]);
  const v = b.op('ReduceMean', [b.op('Pow', [xc, b.floatConst('two', [2], [])])], { axes, keepdims: int(1) });
  const y = b.op('Div', [xc, b.op('Sqrt', [b.op('Add', [v, b.floatConst('eps', [p.eps], [])])])]);
  if (!p.elementwise_affine) return ok(y);
  const w = c.param('weight');
  if (!w.ok) return w;
  const bias = c.param('bias');
  if (!bias.ok) return bias;
  return ok(b.op('Add', [b.op('Mul', [y, w.value]), bias.value]));
};
