import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { maxPool2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof maxPool2d>> = {
  functional: fcall('F.max_pool2d', ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']),
};
