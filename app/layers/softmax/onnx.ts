import { int } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import { softmaxBatchedDim, type SoftmaxParams } from '../softmax-common';

/** Softmax (or LogSoftmax) along PyTorch's dim, None resolved as PyTorch resolves it. */
export const softmaxOnnx =
  (op: 'Softmax' | 'LogSoftmax'): OnnxConvert<SoftmaxParams> =>
  (c) =>
    ok(c.b.op(op, [c.inputs[0]], { axis: int(softmaxBatchedDim(c.p.dim, c.inShapes[0].length)) }));

export const onnx = softmaxOnnx('Softmax');
