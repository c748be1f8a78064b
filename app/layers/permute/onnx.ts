import { ints } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { err, ok } from '../../result';
import { permuteDims, type PermuteParams } from './spec';

/** Transpose with the dims as perm, as torch.onnx writes x.permute(...). */
export const onnx: OnnxConvert<PermuteParams> = (c) => {
  const dims = permuteDims(c.inShapes[0].length, c.p.dims);
  if (!dims.ok) return err(dims.error);
  return ok(c.b.op('Transpose', [c.inputs[0]], { perm: ints(dims.value) }));
};
