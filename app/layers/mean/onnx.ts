import { int, ints } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { err, ok } from '../../result';
import { meanDims, type mean } from './spec';
import type { ParamsOf } from '../spec';

/** ReduceMean over the dims (opset 13: axes as an attribute), keepdims as PyTorch's keepdim. */
export const onnx: OnnxConvert<ParamsOf<typeof mean>> = (c) => {
  const dims = meanDims(c.inShapes[0].length, c.p);
  if (!dims.ok) return err(dims.error);
  return ok(c.b.op('ReduceMean', [c.inputs[0]], { axes: ints(dims.value), keepdims: int(c.p.keepdim ? 1 : 0) }));
};
