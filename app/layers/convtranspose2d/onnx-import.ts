import type { OnnxImport } from '../../importers/kind-import';
import { pairOf, simple } from '../../importers/onnx-types';
import { err, ok } from '../../result';

/**
 * ConvTranspose (2D) as ConvTranspose2d: weight [in, out/groups, kh, kw], symmetric pads and
 * output_padding as torch.onnx writes them; an end pad smaller than the begin pad is more
 * output_padding (Netloom's form where output_padding is not below stride).
 */
export const onnxImport: OnnxImport = {
  ops: ['ConvTranspose'],
  convert({ attrs: a, ins, constant, dims }) {
    if (a.auto_pad && a.auto_pad !== 'NOTSET')
      return err(`auto_pad ${String(a.auto_pad)} is not imported; export with explicit pads`);
    if (a.output_shape) return err('output_shape is not imported; export with pads and output_padding');
    const wd = dims(ins[1]);
    if (wd.length !== 4) return err('only 2D transposed convolutions (a 4-D weight) are imported');
    const groups = Number(a.group ?? 1);
    const k = pairOf(a.kernel_shape as number[], wd[2]);
    const pads = (a.pads as number[]) ?? [0, 0, 0, 0];
    const op = pairOf(a.output_padding as number[], 0);
    const outPad = [0, 1].map((i) => op[i] + pads[i] - pads[i + 2]) as [number, number];
    if (outPad.some((v) => v < 0))
      return err(`pads ${JSON.stringify(pads)} (a larger end pad) have no PyTorch ConvTranspose2d equivalent`);
    const hasBias = ins.length > 2;
    return ok({
      type: 'ConvTranspose2d',
      params: {
        out_channels: wd[1] * groups,
        kernel_size: simple(k),
        stride: simple(pairOf(a.strides as number[], 1)),
        padding: simple([pads[0], pads[1]]),
        output_padding: simple(outPad),
        groups,
        bias: hasBias,
        dilation: simple(pairOf(a.dilations as number[], 1)),
      },
      weights: {
        weight: [constant(ins[1]), wd],
        ...(hasBias ? { bias: [constant(ins[2]), [wd[1] * groups]] } : {}),
      },
    });
  },
};
