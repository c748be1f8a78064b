import type { OnnxConvert } from '../../compiler/onnx/op';
import { avgPool } from '../../compiler/onnx/pool';
import type { AvgPool2dParams } from './spec';

export const onnx: OnnxConvert<AvgPool2dParams> = (c) => avgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p);
