import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { conv2d } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof conv2d>> = { positional: ['in_channels', 'out_channels'] };
