import { ints, int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { conv1dPadding, type Conv1dParams } from './spec';

/** Conv with a 3-D weight [out, in/groups, k], as torch.onnx writes Conv1d. */
export const onnx: OnnxConvert<Conv1dParams> = (c) => {
  const p = c.p;
  const ins = weightInputs(c, p.bias);
  if (!ins.ok) return ins;
  return ok(
    c.b.op('Conv', ins.value, {
      kernel_shape: ints([p.kernel_size]),
      strides: ints([p.stride]),
      pads: ints(conv1dPadding(p)),
      dilations: ints([p.dilation]),
      group: int(p.groups),
    }),
  );
};
