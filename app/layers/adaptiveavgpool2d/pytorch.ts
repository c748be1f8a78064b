import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { adaptiveAvgPool2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof adaptiveAvgPool2d>> = {
  functional: fcall('F.adaptive_avg_pool2d', ['output_size']),
};
