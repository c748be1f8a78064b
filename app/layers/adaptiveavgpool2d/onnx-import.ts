import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** GlobalAveragePool as AdaptiveAvgPool2d(1); other sizes are patterns (importers/onnx-adaptive.ts). */
export const onnxImport: OnnxImport = {
  ops: ['GlobalAveragePool'],
  convert: () => ok({ type: 'AdaptiveAvgPool2d', params: { output_size: 1 } }),
};
