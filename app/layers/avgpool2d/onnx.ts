import type { OnnxConvert } from '../../compiler/onnx/op';
import { avgPool, type PoolParams } from '../../compiler/onnx/pool';

export const onnx: OnnxConvert = (c) => avgPool(c.b, c.inputs[0], c.inShapes[0], c.outShape, c.p as unknown as PoolParams);
