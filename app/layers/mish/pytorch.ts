import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { mish } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof mish>> = { functional: fcall('F.mish') };
