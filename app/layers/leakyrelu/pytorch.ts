import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { leakyRelu } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof leakyRelu>> = {
  floats: ['negative_slope'],
  functional: fcall('F.leaky_relu', ['negative_slope']),
};
