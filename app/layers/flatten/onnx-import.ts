import type { OnnxImport } from '../../importers/kind-import';
import { reshapeAsFlatten, reshapeAsUnflatten } from '../../importers/onnx-reshape';
import { err, ok } from '../../result';

/** Flatten(axis=1) and a Reshape that flattens a range of dims as Flatten; a Reshape that splits one dim as Unflatten. */
export const onnxImport: OnnxImport = {
  ops: ['Flatten', 'Reshape'],
  convert({ op, attrs: a, ins, inShape, constant }) {
    if (op === 'Flatten')
      return Number(a.axis ?? 1) === 1 ? ok({ type: 'Flatten', params: {} }) : err('only axis=1 is imported');
    const target = constant(ins[1]);
    const plain = target && Number(a.allowzero ?? 0) === 0;
    const flat = plain ? reshapeAsFlatten(inShape, Array.from(target)) : undefined;
    if (flat) return ok({ type: 'Flatten', params: flat });
    const split = plain ? reshapeAsUnflatten(inShape, Array.from(target)) : undefined;
    if (split) return ok({ type: 'Unflatten', params: split });
    return err(
      'only a reshape that flattens a range of dims (nn.Flatten) or splits one dim (nn.Unflatten) is imported',
    );
  },
};
