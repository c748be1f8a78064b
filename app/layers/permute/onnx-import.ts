import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** Transpose that keeps the batch dim first as Permute (x.permute(*perm)); no perm reverses every dim. */
export const onnxImport: OnnxImport = {
  ops: ['Transpose'],
  convert({ attrs: a, inShape }) {
    const rank = inShape.length + 1;
    const perm = (a.perm as number[] | undefined) ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    if (perm[0] !== 0) return err('only a Transpose that keeps the batch dimension first is imported (Permute)');
    return ok({ type: 'Permute', params: { dims: perm.map(Number) } });
  },
};
