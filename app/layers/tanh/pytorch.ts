import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { tanh } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof tanh>> = { functional: fcall('torch.tanh') };
