import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['LeakyRelu'],
  convert: ({ attrs }) => ok({ type: 'LeakyReLU', params: { negative_slope: Number(attrs.alpha ?? 0.01) } }),
};
