import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  floats: ['negative_slope'],
  functional: fcall('F.leaky_relu', ['negative_slope']),
};
