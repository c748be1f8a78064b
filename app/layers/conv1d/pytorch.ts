import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { conv1d as spec } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = { positional: ['in_channels', 'out_channels'] };
