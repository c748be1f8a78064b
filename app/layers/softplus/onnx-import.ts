import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** Softplus as Softplus (beta 1; PyTorch's threshold 20 is x itself in float32); with beta it is a pattern. */
export const onnxImport: OnnxImport = {
  ops: ['Softplus'],
  convert: () => ok({ type: 'Softplus', params: {} }),
};
