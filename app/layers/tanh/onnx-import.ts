import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Tanh'],
  convert: () => ok({ type: 'Tanh', params: {} }),
};
