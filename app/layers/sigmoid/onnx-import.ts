import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

export const onnxImport: OnnxImport = {
  ops: ['Sigmoid'],
  convert: () => ok({ type: 'Sigmoid', params: {} }),
};
