import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { unflatten as spec } from './spec';

/** `nn.Unflatten(1, (16, 7, 7))`; functional `x.unflatten(1, (16, 7, 7))`. */
export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  positional: ['dim', 'unflattened_size'],
  functional: ({ inputs, args }) => `${inputs[0]}.unflatten(${args.get('dim')}, ${args.get('unflattened_size')})`,
};
