import type { PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { positional: ['num_features'], floats: ['eps', 'momentum'] };
