import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { gelu } from './spec';

/** GELU from Erf (exact) or Tanh (approximate='tanh'); opset 13 has no Gelu. */
export const onnx: OnnxConvert<ParamsOf<typeof gelu>> = (c) => {
  const { b } = c;
  const x = c.inputs[0];
  const half = b.op('Mul', [x, b.floatConst('half', [0.5], [])]);
  let inner: string;
  if (c.p.approximate === 'tanh') {
    const x3 = b.op('Mul', [b.op('Mul', [x, x]), x]);
    const t = b.op('Add', [x, b.op('Mul', [x3, b.floatConst('c', [0.044715], [])])]);
    inner = b.op('Tanh', [b.op('Mul', [t, b.floatConst('sqrt_2_over_pi', [Math.sqrt(2 / Math.PI)], [])])]);
  } else {
    inner = b.op('Erf', [b.op('Div', [x, b.floatConst('sqrt2', [Math.SQRT2], [])])]);
  }
  return ok(b.op('Mul', [half, b.op('Add', [inner, b.floatConst('one', [1], [])])]));
};
