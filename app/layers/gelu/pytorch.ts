import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { gelu } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof gelu>> = { functional: fcall('F.gelu', ['approximate']) };
