import type { PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {};
