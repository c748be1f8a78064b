import { ints, int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { pair } from '../fields';
import { conv2dPadding, type Conv2dParams } from './spec';

export const onnx: OnnxConvert<Conv2dParams> = (c) => {
  const p = c.p;
  const pad = conv2dPadding(p);
  const ins = weightInputs(c, p.bias);
  if (!ins.ok) return ins;
  return ok(
    c.b.op('Conv', ins.value, {
      kernel_shape: ints(pair(p.kernel_size)),
      strides: ints(pair(p.stride)),
      pads: ints([...pad.before, ...pad.after]),
      dilations: ints(pair(p.dilation)),
      group: int(p.groups),
    }),
  );
};
