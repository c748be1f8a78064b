import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { elu } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof elu>> = { floats: ['alpha'], functional: fcall('F.elu', ['alpha']) };
