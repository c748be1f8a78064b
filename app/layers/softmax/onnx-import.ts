import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Softmax'],
  convert: ({ attrs }) => ok({ type: 'Softmax', params: { dim: Number(attrs.axis ?? -1) } }),
};
