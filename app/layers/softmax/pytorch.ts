import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { softmax } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof softmax>> = { functional: fcall('F.softmax', ['dim']) };
