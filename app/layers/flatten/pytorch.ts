import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { functional: fcall('torch.flatten', ['start_dim', 'end_dim']) };
