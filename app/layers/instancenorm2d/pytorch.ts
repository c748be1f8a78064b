import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { instanceNorm2d as spec } from './spec';

/** Always a module: `nn.InstanceNorm2d(3, affine=True)`. */
export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  positional: ['num_features'],
  floats: ['eps', 'momentum'],
};
