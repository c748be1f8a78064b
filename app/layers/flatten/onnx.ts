import { int } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

/** Flatten(axis=1) for the usual start_dim=1, end_dim=-1, else a Reshape to the known shape. */
export const onnx: OnnxConvert = (c) => {
  const rank = c.inShapes[0].length + 1;
  const s = (c.p.start_dim as number) < 0 ? (c.p.start_dim as number) + rank : (c.p.start_dim as number);
  const e = (c.p.end_dim as number) < 0 ? (c.p.end_dim as number) + rank : (c.p.end_dim as number);
  if (s === 1 && e === rank - 1) return ok(c.b.op('Flatten', [c.inputs[0]], { axis: int(1) }));
  return ok(c.b.op('Reshape', [c.inputs[0], c.b.intConst('shape', [-1, ...c.outShape])]));
};
