import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { batchNorm2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof batchNorm2d>> = {
  positional: ['num_features'],
  floats: ['eps', 'momentum'],
};
