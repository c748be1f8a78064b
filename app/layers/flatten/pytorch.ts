import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { flatten } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof flatten>> = {
  functional: fcall('torch.flatten', ['start_dim', 'end_dim']),
};
