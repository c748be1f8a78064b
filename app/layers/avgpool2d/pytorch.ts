import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  functional: fcall('F.avg_pool2d', [
    'kernel_size',
    'stride',
    'padding',
    'ceil_mode',
    'count_include_pad',
    'divisor_override',
  ]),
};
