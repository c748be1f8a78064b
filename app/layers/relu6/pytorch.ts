import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { relu6 } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof relu6>> = { functional: fcall('F.relu6') };
