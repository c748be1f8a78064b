import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['LogSoftmax'],
  convert: ({ attrs }) => ok({ type: 'LogSoftmax', params: { dim: Number(attrs.axis ?? -1) } }),
};
