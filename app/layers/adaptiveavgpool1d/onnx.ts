import type { OnnxConvert } from '../../compiler/onnx/op';
import { adaptivePool } from '../../compiler/onnx/pool1d';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { adaptiveAvgPool1d as spec } from './spec';

export const onnx: OnnxConvert<ParamsOf<typeof spec>> = (c) =>
  ok(adaptivePool(c.b, c.inputs[0], c.inShapes[0], c.outShape, 'avg'));
