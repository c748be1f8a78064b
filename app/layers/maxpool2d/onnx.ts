import type { OnnxConvert } from '../../compiler/onnx/op';
import { maxPool } from '../../compiler/onnx/pool';
import { ok } from '../../result';
import type { MaxPool2dParams } from './spec';

export const onnx: OnnxConvert<MaxPool2dParams> = (c) => ok(maxPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p));
