import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { via2d } from '../../compiler/tfjs/convert/oned';
import type { Layer } from '../../compiler/tfjs/tf';
import type { AdaptiveMaxPool1dParams } from './spec';

/** AdaptiveMaxPool1d: a MaxPooling2D when the bins are even, else PyTorch's uneven bins (custom/adaptivemax.ts), on the [N, 1, L, C] view. */
export const adaptiveMaxPool1d: Converter<AdaptiveMaxPool1dParams> = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 3) return err(`AdaptiveMaxPool1d '${node.id}' needs a [C, L] input.`);
  const l = x.shape[2] as number;
  const o = p.output_size;
  let layer: Layer;
  if (l % o === 0)
    layer = tf.layers.maxPooling2d({ poolSize: [1, l / o], strides: [1, l / o], padding: 'valid', name });
  else layer = new custom.AdaptiveMax({ size: [1, o], name });
  return ok(via2d(tf, name, single(layer)));
};
