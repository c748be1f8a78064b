import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { DropoutParams } from '../dropout-common';

/** ONNX's Dropout (identity at inference), so an import gets the layer back. */
export const onnx: OnnxConvert<DropoutParams> = (c) =>
  ok(c.b.op('Dropout', [c.inputs[0], c.b.floatConst('ratio', [c.p.p], [])]));
