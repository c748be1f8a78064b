import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** GlobalMaxPool as AdaptiveMaxPool2d(1); uneven sizes are patterns (importers/onnx-adaptive.ts). */
export const onnxImport: OnnxImport = {
  ops: ['GlobalMaxPool'],
  convert: ({ inShape }) =>
    inShape.length === 3
      ? ok({ type: 'AdaptiveMaxPool2d', params: { output_size: 1 } })
      : err(`only a [C, H, W] input is imported (global max pooling of [C, L] has no Netloom kind)`),
};
