import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { avgPool2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof avgPool2d>> = {
  functional: fcall('F.avg_pool2d', [
    'kernel_size',
    'stride',
    'padding',
    'ceil_mode',
    'count_include_pad',
    'divisor_override',
  ]),
};
