import type { OnnxConvert } from '../../compiler/onnx/op';
import { adaptiveAvgPool } from '../../compiler/onnx/pool';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { adaptiveAvgPool2d } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof adaptiveAvgPool2d>> = (c) =>
  ok(adaptiveAvgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape));
