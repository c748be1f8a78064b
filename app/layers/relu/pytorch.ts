import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { relu } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof relu>> = { functional: fcall('F.relu') };
