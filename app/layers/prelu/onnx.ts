import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { prelu } from './spec';

/** PRelu(x, slope): the weight reshaped to [n, 1, ...] so it broadcasts on dim 1, as torch.onnx writes it. */
export const onnx: OnnxConvert<ParamsOf<typeof prelu>> = (c) => {
  const w = c.param('weight');
  if (!w.ok) return w;
  const rank = c.inShapes[0].length;
  const n = c.p.num_parameters;
  const slope =
    rank <= 1
      ? w.value
      : c.b.op('Reshape', [w.value, c.b.intConst('slope_shape', [n, ...Array<number>(rank - 1).fill(1)])]);
  return ok(c.b.op('PRelu', [c.inputs[0], slope]));
};
