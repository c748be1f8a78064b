import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** `nn.ChannelShuffle(2)`; functional `F.channel_shuffle(x, 2)`. */
export const pytorch: PytorchEntry = {
  positional: ['groups'],
  functional: ({ inputs, args }) => `F.channel_shuffle(${inputs[0]}, ${args.get('groups')})`,
};
