import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { err, ok } from '../../result';
import { permuteDims, type PermuteParams } from './spec';

/** PyTorch dim of each internal axis of a tensor of `rank` dims with the batch (NHWC for 4). */
const torchOfInternal = (rank: number): number[] =>
  rank === 4 ? [0, 2, 3, 1] : Array.from({ length: rank }, (_, i) => i);
/** Internal axis of each PyTorch dim. */
const internalOfTorch = (rank: number): number[] =>
  rank === 4 ? [0, 3, 1, 2] : Array.from({ length: rank }, (_, i) => i);

/**
 * The internal permutation that computes x.permute(dims) between the internal layouts of input and
 * output: output internal axis i is PyTorch output dim U[i] = input dim dims[U[i]], internal axis
 * T[dims[U[i]]] of the input. One tfjs Permute layer (no custom class).
 */
export function internalPermutation(dims: number[]): number[] {
  const n = dims.length;
  const u = torchOfInternal(n);
  const t = internalOfTorch(n);
  return u.map((d) => t[dims[d]]);
}

export const permute: Converter<PermuteParams> = ({ tf, node, p, inputs, name }) => {
  const dims = permuteDims(inputs[0].rank - 1, p.dims);
  if (!dims.ok) return err(`Permute '${node.id}': ${dims.error}`);
  const perm = internalPermutation(dims.value);
  const layer = tf.layers.permute({ dims: perm.slice(1), name });
  return ok({ apply: (xs) => layer.apply(xs[0]) as SymbolicTensor, bindings: [] });
};
