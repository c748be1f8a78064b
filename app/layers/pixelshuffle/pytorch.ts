import type { PytorchEntry } from '../../compiler/pytorch/entry';

/** `nn.PixelShuffle(2)`; functional `F.pixel_shuffle(x, 2)`. */
export const pytorch: PytorchEntry = {
  positional: ['upscale_factor'],
  functional: ({ inputs, args }) => `F.pixel_shuffle(${inputs[0]}, ${args.get('upscale_factor')})`,
};
