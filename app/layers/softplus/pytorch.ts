import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { softplus } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof softplus>> = {
  functional: fcall('F.softplus', ['beta', 'threshold']),
};
