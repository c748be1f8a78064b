import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { logSoftmax } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof logSoftmax>> = { functional: fcall('F.log_softmax', ['dim']) };
