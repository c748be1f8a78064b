import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';
import { pairOf, simple } from '../../importers/onnx-types';
import { onnxConv1d } from '../conv1d/onnx-import';

/** Conv (2D, symmetric pads or PyTorch's padding='same') as Conv2d; with a 3-D weight it is Conv1d's. */
export const onnxImport: OnnxImport = {
  ops: ['Conv'],
  convert(c) {
    const { attrs: a, ins, constant, dims } = c;
    if (dims(ins[1]).length === 3) return onnxConv1d(c);
    if (a.auto_pad && a.auto_pad !== 'NOTSET')
      return err(`auto_pad ${String(a.auto_pad)} is not imported; export with explicit pads`);
    const wd = dims(ins[1]);
    const pads = (a.pads as number[]) ?? [0, 0, 0, 0];
    const k = pairOf(a.kernel_shape as number[], wd[2]);
    const dil = pairOf(a.dilations as number[], 1);
    const stride = pairOf(a.strides as number[], 1);
    // PyTorch's padding='same' (stride 1): total d*(k-1), the extra one at the end.
    const same =
      stride[0] === 1 &&
      stride[1] === 1 &&
      [0, 1].every(
        (i) => pads[i] === Math.floor((dil[i] * (k[i] - 1)) / 2) && pads[i + 2] === dil[i] * (k[i] - 1) - pads[i],
      );
    if (wd.length !== 4 || ((pads[0] !== pads[2] || pads[1] !== pads[3]) && !same))
      return err(`only 2D convolutions with symmetric pads (or PyTorch's padding='same') are imported`);
    const hasBias = ins.length > 2;
    return ok({
      type: 'Conv2d',
      params: {
        out_channels: wd[0],
        kernel_size: simple(k),
        stride: simple(stride),
        padding: same && (pads[0] !== pads[2] || pads[1] !== pads[3]) ? 'same' : simple([pads[0], pads[1]]),
        dilation: simple(dil),
        groups: Number(a.group ?? 1),
        bias: hasBias,
      },
      weights: {
        weight: [constant(ins[1]), wd],
        ...(hasBias ? { bias: [constant(ins[2]), [wd[0]]] } : {}),
      },
    });
  },
};
