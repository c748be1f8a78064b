import type { OnnxConvert } from '../../compiler/onnx/op';
import { maxPool1d } from '../../compiler/onnx/pool1d';
import { ok } from '../../result';
import type { MaxPool1dParams } from './spec';

export const onnx: OnnxConvert<MaxPool1dParams> = (c) =>
  ok(maxPool1d(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p));
