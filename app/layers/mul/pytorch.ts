import type { PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = { functional: ({ inputs }) => inputs.join(' * ') };
