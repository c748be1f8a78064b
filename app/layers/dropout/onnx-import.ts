import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** Dropout: the ratio as an input (opset 12+) or an attribute. */
export const onnxImport: OnnxImport = {
  ops: ['Dropout'],
  convert({ attrs: a, ins, constant }) {
    const ratio = ins[1] ? constant(ins[1])?.[0] : (a.ratio as number | undefined);
    return ok({ type: 'Dropout', params: { p: Number(ratio ?? 0.5) } });
  },
};
