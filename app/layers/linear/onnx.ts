import { int } from '../../compiler/onnx/builder';
import { weightInputs, type OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

/** Linear: Gemm with the weight transposed (PyTorch's [out, in]). */
export const onnx: OnnxConvert = (c) => {
  const ins = weightInputs(c, c.p.bias === true);
  return ins.ok ? ok(c.b.op('Gemm', ins.value, { transB: int(1) })) : ins;
};
