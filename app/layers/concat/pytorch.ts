import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { concat } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof concat>> = {
  functional: ({ inputs, args }) => `torch.cat([${inputs.join(', ')}], dim=${args.get('dim') ?? '1'})`,
};
