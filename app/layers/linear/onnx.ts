import { int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { linear } from './spec';

/** Linear: Gemm with the weight transposed (PyTorch's [out, in]). */
export const onnx: OnnxConvert<ParamsOf<typeof linear>> = (c) => {
  const ins = weightInputs(c, c.p.bias === true);
  return ins.ok ? ok(c.b.op('Gemm', ins.value, { transB: int(1) })) : ins;
};
