import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** Mul of two values; by a constant (a GELU or other pattern that did not match exactly) there is no PyTorch layer. */
export const onnxImport: OnnxImport = {
  ops: ['Mul'],
  convert: ({ ins, dataCount }) =>
    ok(dataCount !== 2 || ins.length !== 2 ? 'unsupported' : { type: 'Mul', params: {} }),
};
