import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { functional: fcall('F.mish') };
