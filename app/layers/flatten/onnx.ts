import { int } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { FlattenParams } from './spec';

/** Flatten(axis=1) for the usual start_dim=1, end_dim=-1, else a Reshape to the known shape. */
export const onnx: OnnxConvert<FlattenParams> = (c) => {
  const rank = c.inShapes[0].length + 1;
  const s = c.p.start_dim < 0 ? c.p.start_dim + rank : c.p.start_dim;
  const e = c.p.end_dim < 0 ? c.p.end_dim + rank : c.p.end_dim;
  if (s === 1 && e === rank - 1) return ok(c.b.op('Flatten', [c.inputs[0]], { axis: int(1) }));
  return ok(c.b.op('Reshape', [c.inputs[0], c.b.intConst('shape', [-1, ...c.outShape])]));
};
