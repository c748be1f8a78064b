import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

export const onnx: OnnxConvert = (c) => ok(c.b.op('Mul', c.inputs));
