import type { PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { positional: ['in_channels', 'out_channels'] };
