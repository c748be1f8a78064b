import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Elu'],
  convert: ({ attrs }) => ok({ type: 'ELU', params: { alpha: Number(attrs.alpha ?? 1) } }),
};
