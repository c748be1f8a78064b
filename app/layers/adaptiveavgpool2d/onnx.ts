import type { OnnxConvert } from '../../compiler/onnx/op';
import { adaptiveAvgPool } from '../../compiler/onnx/pool';
import { ok } from '../../result';

export const onnx: OnnxConvert = (c) => ok(adaptiveAvgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape));
