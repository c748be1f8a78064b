import type { OnnxImport } from '../../importers/kind-import';
import { resizeLayer } from '../../importers/onnx-resize';
import { err } from '../../result';

/** Resize by constant scales or sizes as Upsample (importers/onnx-resize.ts); a computed size is a pattern. */
export const onnxImport: OnnxImport = {
  ops: ['Resize'],
  convert({ attrs: a, inputs: raw, inShape, constant }) {
    const scales = raw[2] ? constant(raw[2]) : undefined;
    const sizes = raw[3] ? constant(raw[3]) : undefined;
    if ((raw[2] && !scales) || (raw[3] && !sizes)) return err('only Resize by constant scales or sizes is imported');
    return resizeLayer(a, scales, sizes, inShape);
  },
};
