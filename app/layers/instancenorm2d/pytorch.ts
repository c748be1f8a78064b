import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** Always a module: `nn.InstanceNorm2d(3, affine=True)`. */
export const pytorch: PytorchEntry = { positional: ['num_features'], floats: ['eps', 'momentum'] };
