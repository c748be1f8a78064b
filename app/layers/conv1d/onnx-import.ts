import type { ImportedLayer, OnnxImportContext } from '../../importers/kind-import';
import { err, ok, type Result } from '../../result';

/**
 * Conv with a 3-D weight [out, in/groups, k] as Conv1d (Conv2d's ONNX import hands it over):
 * symmetric pads, or PyTorch's padding='same' (stride 1, total d*(k-1), the extra one at the end).
 */
export function onnxConv1d({ attrs: a, ins, constant, dims }: OnnxImportContext): Result<ImportedLayer> {
  if (a.auto_pad && a.auto_pad !== 'NOTSET')
    return err(`auto_pad ${String(a.auto_pad)} is not imported; export with explicit pads`);
  const wd = dims(ins[1]);
  const one = (v: unknown, d: number) => (Array.isArray(v) && v.length > 0 ? Number(v[0]) : d);
  const k = one(a.kernel_shape, wd[2]);
  const s = one(a.strides, 1);
  const dil = one(a.dilations, 1);
  const pads = (a.pads as number[]) ?? [0, 0];
  const total = dil * (k - 1);
  const same = s === 1 && pads[0] === Math.floor(total / 2) && pads[1] === total - pads[0];
  if (pads[0] !== pads[1] && !same)
    return err(`only 1D convolutions with symmetric pads (or PyTorch's padding='same') are imported`);
  const hasBias = ins.length > 2;
  return ok({
    type: 'Conv1d',
    params: {
      out_channels: wd[0],
      kernel_size: k,
      stride: s,
      padding: pads[0] !== pads[1] ? 'same' : pads[0],
      dilation: dil,
      groups: Number(a.group ?? 1),
      bias: hasBias,
    },
    weights: {
      weight: [constant(ins[1]), wd],
      ...(hasBias ? { bias: [constant(ins[2]), [wd[0]]] } : {}),
    },
  });
}
