import type { OnnxConvert } from '../../compiler/onnx/op';
import { maxPool, type PoolParams } from '../../compiler/onnx/pool';
import { ok } from '../../result';

export const onnx: OnnxConvert = (c) => ok(maxPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p as unknown as PoolParams));
