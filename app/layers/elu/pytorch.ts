import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { floats: ['alpha'], functional: fcall('F.elu', ['alpha']) };
