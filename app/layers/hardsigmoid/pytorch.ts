import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { hardsigmoid } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof hardsigmoid>> = { functional: fcall('F.hardsigmoid') };
