import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { PermuteParams } from './spec';

/** A tensor method, as PyTorch code writes it: `x.permute(0, 2, 3, 1)`. */
export const pytorch: PytorchEntry<PermuteParams> = {
  functional: ({ inputs, params }) => `${inputs[0]}.permute(${params.dims.join(', ')})`,
};
