import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { dropout } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof dropout>> = {
  floats: ['p'],
  functional: fcall('F.dropout', ['p'], ['training=self.training']),
};
