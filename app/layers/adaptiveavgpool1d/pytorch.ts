import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { adaptiveAvgPool1d as spec } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  functional: fcall('F.adaptive_avg_pool1d', ['output_size']),
};
