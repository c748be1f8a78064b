import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { linear } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof linear>> = { positional: ['in_features', 'out_features'] };
