import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { functional: fcall('F.adaptive_max_pool2d', ['output_size']) };
