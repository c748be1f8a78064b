import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { groupNorm as spec } from './spec';

/** Always a module: `nn.GroupNorm(2, 6)`. */
export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  positional: ['num_groups', 'num_channels'],
  floats: ['eps'],
};
