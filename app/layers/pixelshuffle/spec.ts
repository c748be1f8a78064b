import { z } from 'zod';
import { err, ok } from '../../result';
import { posInt } from '../fields';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

const schema = z.strictObject({ upscale_factor: posInt() });
export type PixelShuffleParams = z.infer<typeof schema>;

export const pixelShuffle: LayerSpec<PixelShuffleParams> = {
  type: 'PixelShuffle',
  category: 'reshape',
  description: 'Rearranges [C·r², H, W] into [C, H·r, W·r] (nn.PixelShuffle), the sub-pixel upsampling of ESPCN.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [3], '[C, H, W]');
    if (!x.ok) return x;
    const [c, h, w] = x.value;
    const r = p.upscale_factor;
    if (c % (r * r) !== 0)
      return err(
        `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
      );
    return ok([c / (r * r), h * r, w * r]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `PixelShuffle(upscale_factor=${p.upscale_factor})`,
  summary: (p) => `×${p.upscale_factor}`,
  isModule: true,
  help: {
    summary:
      'Upsamples by moving channels into space: each group of r² channels becomes an r × r block of pixels, so [C·r², H, W] becomes [C, H·r, W·r] (ONNX DepthToSpace, CRD order). A convolution that outputs C·r² channels followed by PixelShuffle(r) is a learned upsampling without the checkerboard artefacts of a transposed convolution. No weights.',
    params: {
      upscale_factor:
        'r: how much H and W grow. The channel count must be divisible by r² (4 channels for r = 2 give 1 channel at twice the size).',
    },
  },
};
