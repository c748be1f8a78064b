import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** Always a module (its weight and bias are learned): `nn.LayerNorm((4, 5), eps=1e-05)`. */
export const pytorch: PytorchEntry = { positional: ['normalized_shape'], floats: ['eps'] };
