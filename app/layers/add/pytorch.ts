import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { add } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof add>> = { functional: ({ inputs }) => inputs.join(' + ') };
