import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { silu } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof silu>> = { functional: fcall('F.silu') };
