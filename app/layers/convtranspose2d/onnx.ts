import { ints, int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { pair } from '../fields';
import type { ConvTranspose2dParams } from './spec';

/**
 * ConvTranspose as torch.onnx writes it: weight [in, out/groups, kh, kw], symmetric pads,
 * output_padding. Where output_padding is not below stride (PyTorch allows it when it is below
 * dilation; onnxruntime refuses it), the same result is written without it: the bottom/right pad
 * shrinks by output_padding, and what is left over becomes zero rows (a Pad) before the bias.
 */
export const onnx: OnnxConvert<ConvTranspose2dParams> = (c) => {
  const p = c.p;
  const [pad, op, s] = [pair(p.padding), pair(p.output_padding), pair(p.stride)];
  const attrs = {
    dilations: ints(pair(p.dilation)),
    group: int(p.groups),
    kernel_shape: ints(pair(p.kernel_size)),
  };
  if (op.every((v, i) => v < s[i])) {
    const ins = weightInputs(c, p.bias);
    if (!ins.ok) return ins;
    return ok(
      c.b.op('ConvTranspose', ins.value, {
        ...attrs,
        output_padding: ints(op),
        pads: ints([...pad, ...pad]),
        strides: ints(s),
      }),
    );
  }
  const end = [0, 1].map((i) => Math.max(pad[i] - op[i], 0));
  const extra = [0, 1].map((i) => Math.max(op[i] - pad[i], 0));
  const padded = extra.some((v) => v > 0);
  const ins = weightInputs(c, p.bias && !padded);
  if (!ins.ok) return ins;
  let y = c.b.op('ConvTranspose', ins.value, { ...attrs, pads: ints([...pad, ...end]), strides: ints(s) });
  if (!padded) return ok(y);
  y = c.b.op('Pad', [y, c.b.intConst('pads', [0, 0, 0, 0, 0, 0, extra[0], extra[1]])]);
  if (!p.bias) return ok(y);
  const bias = c.param('bias');
  if (!bias.ok) return bias;
  return ok(c.b.op('Add', [y, c.b.op('Reshape', [bias.value, c.b.intConst('shape', [p.out_channels, 1, 1])])]));
};
