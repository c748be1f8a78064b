import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { localResponseNorm } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof localResponseNorm>> = {
  positional: ['size'],
  floats: ['alpha', 'beta', 'k'],
  functional: fcall('F.local_response_norm', ['size', 'alpha', 'beta', 'k']),
};
