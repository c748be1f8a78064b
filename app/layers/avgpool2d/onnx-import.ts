import type { OnnxImport } from '../../importers/kind-import';
import { adaptiveFromPool } from '../../importers/onnx-adaptive';
import { onnxPool } from '../../importers/onnx-pool';
import { onnxPool1d } from '../../importers/onnx-pool1d';
import { ok } from '../../result';

/**
 * AveragePool alone (over [C, L] as AvgPool1d); torch's adaptive pool at a size that divides the
 * input (no pads, no ceil_mode) as AdaptiveAvgPool2d/1d (importers/onnx-adaptive.ts); with a divisor
 * map or a Pad in front it is a pattern (importers/onnx-patterns.ts).
 */
export const onnxImport: OnnxImport = {
  ops: ['AveragePool'],
  convert: (c) => {
    const adaptive = adaptiveFromPool(c.producer, c.op, c.attrs, c.inShape);
    if (adaptive) return ok(adaptive);
    return c.inShape.length === 2 ? onnxPool1d('AvgPool1d', c) : onnxPool('AvgPool2d', c);
  },
};
