import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { SplitParams } from './spec';

/** `torch.split(x, [16, 8], dim=1)`; forward unpacks it into one value per output (`a, b = ...`). */
export const pytorch: PytorchEntry<SplitParams> = {
  functional: ({ inputs, args }) =>
    `torch.split(${inputs[0]}, ${args.get('split_size_or_sections') ?? '2'}, dim=${args.get('dim') ?? '1'})`,
};
