import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ChunkParams } from './spec';

/** `torch.chunk(x, 2, dim=1)`; forward unpacks it into one value per output (`a, b = ...`). */
export const pytorch: PytorchEntry<ChunkParams> = {
  functional: ({ inputs, args }) =>
    `torch.chunk(${inputs[0]}, ${args.get('chunks') ?? '2'}, dim=${args.get('dim') ?? '1'})`,
};
