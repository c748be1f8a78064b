import type { OnnxImport } from '../../importers/kind-import';
import { reshapeAsFlatten } from '../../importers/onnx-reshape';
import { err, ok } from '../../result';

/** Flatten(axis=1) and a Reshape that flattens a range of dims as Flatten. */
export const onnxImport: OnnxImport = {
  ops: ['Flatten', 'Reshape'],
  convert({ op, attrs: a, ins, inShape, constant }) {
    if (op === 'Flatten')
      return Number(a.axis ?? 1) === 1 ? ok({ type: 'Flatten', params: {} }) : err('only axis=1 is imported');
    const target = constant(ins[1]);
    const flat = target && Number(a.allowzero ?? 0) === 0 ? reshapeAsFlatten(inShape, Array.from(target)) : undefined;
    return flat
      ? ok({ type: 'Flatten', params: flat })
      : err('only a reshape that flattens a range of dims (nn.Flatten) is imported');
  },
};
