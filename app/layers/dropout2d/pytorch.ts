import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { dropout2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof dropout2d>> = {
  floats: ['p'],
  functional: fcall('F.dropout2d', ['p'], ['training=self.training']),
};
