import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { mul } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof mul>> = { functional: ({ inputs }) => inputs.join(' * ') };
