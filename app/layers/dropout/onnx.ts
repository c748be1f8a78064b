import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';

/** ONNX's Dropout (identity at inference), so an import gets the layer back. */
export const onnx: OnnxConvert = (c) => ok(c.b.op('Dropout', [c.inputs[0], c.b.floatConst('ratio', [c.p.p as number], [])]));
