import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  floats: ['p'],
  functional: fcall('F.dropout', ['p'], ['training=self.training']),
};
