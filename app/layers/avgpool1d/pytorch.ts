import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { avgPool1d as spec } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  functional: fcall('F.avg_pool1d', ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad']),
};
