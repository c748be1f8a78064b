import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** GlobalAveragePool as AdaptiveAvgPool2d(1) (over [C, L]: AdaptiveAvgPool1d(1)); other sizes are patterns (importers/onnx-adaptive.ts). */
export const onnxImport: OnnxImport = {
  ops: ['GlobalAveragePool'],
  convert: (c) =>
    ok(
      c.inShape.length === 2
        ? { type: 'AdaptiveAvgPool1d', params: { output_size: 1 } }
        : { type: 'AdaptiveAvgPool2d', params: { output_size: 1 } },
    ),
};
