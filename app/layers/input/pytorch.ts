import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { input } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof input>> = {};
