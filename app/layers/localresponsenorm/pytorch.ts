import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  positional: ['size'],
  floats: ['alpha', 'beta', 'k'],
  functional: fcall('F.local_response_norm', ['size', 'alpha', 'beta', 'k']),
};
