import type { OnnxConvert } from '../../compiler/onnx/op';
import { avgPool1d } from '../../compiler/onnx/pool1d';
import type { AvgPool1dParams } from './spec';

export const onnx: OnnxConvert<AvgPool1dParams> = (c) => avgPool1d(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p);
