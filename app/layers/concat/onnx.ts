import { int } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

export const onnx: OnnxConvert = (c) => {
  const rank = c.inShapes[0].length + 1;
  const d = c.p.dim as number;
  return ok(c.b.op('Concat', c.inputs, { axis: int(d < 0 ? d + rank : d) }));
};
