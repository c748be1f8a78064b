import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { sigmoid } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof sigmoid>> = { functional: fcall('torch.sigmoid') };
