import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { mean } from './spec';

/** `torch.mean(x, dim=(2, 3), keepdim=False)`. */
export const pytorch: PytorchEntry<ParamsOf<typeof mean>> = {
  functional: ({ inputs, args }) =>
    `torch.mean(${inputs[0]}, dim=${args.get('dim') ?? '(2, 3)'}, keepdim=${args.get('keepdim') ?? 'False'})`,
};
