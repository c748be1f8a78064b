import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { layerNorm as spec } from './spec';

/** Always a module (its weight and bias are learned): `nn.LayerNorm((4, 5), eps=1e-05)`. */
export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = { positional: ['normalized_shape'], floats: ['eps'] };
