import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { err, ok } from '../../result';
import type { PixelShuffleParams } from './spec';

/**
 * PixelShuffle on NHWC from tfjs's Reshape and Permute layers, in PyTorch's (DepthToSpace CRD)
 * order: channel c·r² + i·r + j goes to row h·r + i, column w·r + j of channel c.
 * [H, W, C·r²] -> [H, W, C, r, r] -> [H, r, W, r, C] -> [H·r, W·r, C].
 */
export const pixelShuffle: Converter<PixelShuffleParams> = ({ tf, node, p, inputs, name }) => {
  if (inputs[0].rank !== 4) return err(`PixelShuffle '${node.id}' needs a [C, H, W] input.`);
  const r = p.upscale_factor;
  const apply = (xs: SymbolicTensor[]): SymbolicTensor => {
    const [h, w, cr] = xs[0].shape.slice(1) as number[];
    const c = cr / (r * r);
    const a = tf.layers.reshape({ targetShape: [h, w, c, r, r], name: `${name}_split` }).apply(xs[0]) as SymbolicTensor;
    const t = tf.layers.permute({ dims: [1, 4, 2, 5, 3], name: `${name}_move` }).apply(a) as SymbolicTensor;
    return tf.layers.reshape({ targetShape: [h * r, w * r, c], name: `${name}_merge` }).apply(t) as SymbolicTensor;
  };
  return ok({ apply, bindings: [] });
};
