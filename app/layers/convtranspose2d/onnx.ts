import { ints, int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { pair } from '../fields';
import type { ConvTranspose2dParams } from './spec';

/** ConvTranspose as torch.onnx writes it: weight [in, out/groups, kh, kw], symmetric pads, output_padding. */
export const onnx: OnnxConvert<ConvTranspose2dParams> = (c) => {
  const p = c.p;
  const ins = weightInputs(c, p.bias);
  if (!ins.ok) return ins;
  const pad = pair(p.padding);
  return ok(
    c.b.op('ConvTranspose', ins.value, {
      dilations: ints(pair(p.dilation)),
      group: int(p.groups),
      kernel_shape: ints(pair(p.kernel_size)),
      output_padding: ints(pair(p.output_padding)),
      pads: ints([...pad, ...pad]),
      strides: ints(pair(p.stride)),
    }),
  );
};
