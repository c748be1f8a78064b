import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Relu'],
  convert: () => ok({ type: 'ReLU', params: {} }),
};
