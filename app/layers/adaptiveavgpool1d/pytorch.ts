import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { functional: fcall('F.adaptive_avg_pool1d', ['output_size']) };
