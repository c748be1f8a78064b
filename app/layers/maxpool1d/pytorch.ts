import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { maxPool1d as spec } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  functional: fcall('F.max_pool1d', ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']),
};
