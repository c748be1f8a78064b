import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { identity } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof identity>> = { functional: ({ inputs }) => inputs[0] };
