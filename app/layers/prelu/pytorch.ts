import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** Always a module (F.prelu needs the learned weight). */
export const pytorch: PytorchEntry = { floats: ['init'] };
