import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { prelu } from './spec';

/** Always a module (F.prelu needs the learned weight). */
export const pytorch: PytorchEntry<ParamsOf<typeof prelu>> = { floats: ['init'] };
