import { float } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { GroupNormParams } from './spec';

/**
 * As torch.onnx 1.13 writes nn.GroupNorm: Reshape to [N, G, -1], InstanceNormalization with unit
 * scale and zero bias of G values, Reshape back to Shape(x), then Mul weight and Add bias as
 * [C, 1, ...] so they broadcast on the channels.
 */
export const onnx: OnnxConvert<GroupNormParams> = (c) => {
  const { b, p } = c;
  const x = c.inputs[0];
  const g = p.num_groups;
  const grouped = b.op('Reshape', [x, b.intConst('group_shape', [0, g, -1])]);
  const ones = b.floatConst('ones', new Float32Array(g).fill(1), [g]);
  const zeros = b.floatConst('zeros', new Float32Array(g), [g]);
  const n = b.op('InstanceNormalization', [grouped, ones, zeros], { epsilon: float(p.eps) });
  const y = b.op('Reshape', [n, b.op('Shape', [x])]);
  if (!p.affine) return ok(y);
  const w = c.param('weight');
  if (!w.ok) return w;
  const bias = c.param('bias');
  if (!bias.ok) return bias;
  const ch = c.inShapes[0][0];
  const shape = b.intConst('affine_shape', [ch, ...Array<number>(c.inShapes[0].length - 1).fill(1)]);
  return ok(b.op('Add', [b.op('Mul', [y, b.op('Reshape', [w.value, shape])]), b.op('Reshape', [bias.value, shape])]));
};
