import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  functional: fcall('F.avg_pool1d', ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad']),
};
