import { int } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ConcatParams } from './spec';

export const onnx: OnnxConvert<ConcatParams> = (c) => {
  const rank = c.inShapes[0].length + 1;
  const d = c.p.dim;
  return ok(c.b.op('Concat', c.inputs, { axis: int(d < 0 ? d + rank : d) }));
};
