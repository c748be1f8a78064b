import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** Always a module: `nn.GroupNorm(2, 6)`. */
export const pytorch: PytorchEntry = { positional: ['num_groups', 'num_channels'], floats: ['eps'] };
