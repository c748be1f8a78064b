import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Concat'],
  convert: ({ attrs }) => ok({ type: 'Concat', params: { dim: Number(attrs.axis ?? 1) } }),
};
