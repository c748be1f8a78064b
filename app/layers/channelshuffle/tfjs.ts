import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { ok } from '../../result';
import type { ChannelShuffleParams } from './spec';

/**
 * ChannelShuffle from tfjs's Reshape and Permute layers (no custom class; gradients everywhere).
 * NHWC [H, W, C]: [H, W, g, C/g] -> [H, W, C/g, g] -> [H, W, C]; PyTorch order [C, ...rest]:
 * [g, C/g, ...rest] -> [C/g, g, ...rest] -> [C, ...rest].
 */
export const channelShuffle: Converter<ChannelShuffleParams> = ({ tf, p, name }) => {
  const g = p.groups;
  const apply = (xs: SymbolicTensor[]): SymbolicTensor => {
    const x = xs[0];
    const s = x.shape.slice(1) as number[];
    const nhwc = x.rank === 4;
    const c = nhwc ? s[2] : s[0];
    const split = nhwc ? [s[0], s[1], g, c / g] : [g, c / g, ...s.slice(1)];
    const dims = nhwc ? [1, 2, 4, 3] : [2, 1, ...s.slice(1).map((_, i) => i + 3)];
    const a = tf.layers.reshape({ targetShape: split, name: `${name}_split` }).apply(x) as SymbolicTensor;
    const t = tf.layers.permute({ dims, name: `${name}_swap` }).apply(a) as SymbolicTensor;
    return tf.layers.reshape({ targetShape: s, name: `${name}_merge` }).apply(t) as SymbolicTensor;
  };
  return ok({ apply, bindings: [] });
};
