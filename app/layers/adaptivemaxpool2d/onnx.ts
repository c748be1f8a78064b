import type { OnnxConvert } from '../../compiler/onnx/op';
import { adaptivePool } from '../../compiler/onnx/pool1d';
import { ok } from '../../result';

export const onnx: OnnxConvert = (c) => ok(adaptivePool(c.b, c.inputs[0], c.inShapes[0], c.outShape, 'max'));
