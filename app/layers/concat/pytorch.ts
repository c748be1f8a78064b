import type { PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  functional: ({ inputs, args }) => `torch.cat([${inputs.join(', ')}], dim=${args.get('dim') ?? '1'})`,
};
