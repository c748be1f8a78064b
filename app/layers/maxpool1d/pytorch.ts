import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  functional: fcall('F.max_pool1d', ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']),
};
