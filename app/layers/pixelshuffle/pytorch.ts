import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { pixelShuffle as spec } from './spec';

/** `nn.PixelShuffle(2)`; functional `F.pixel_shuffle(x, 2)`. */
export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  positional: ['upscale_factor'],
  functional: ({ inputs, args }) => `F.pixel_shuffle(${inputs[0]}, ${args.get('upscale_factor')})`,
};
