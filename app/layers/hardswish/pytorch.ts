import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { hardswish } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof hardswish>> = { functional: fcall('F.hardswish') };
