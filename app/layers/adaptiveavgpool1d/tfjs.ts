import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { via2d } from '../../compiler/tfjs/convert/oned';
import type { Layer } from '../../compiler/tfjs/tf';
import type { AdaptiveAvgPool1dParams } from './spec';

/** AdaptiveAvgPool1d: an AveragePooling2D when the bins are even, else PyTorch's uneven bins, on the [N, 1, L, C] view. */
export const adaptiveAvgPool1d: Converter<AdaptiveAvgPool1dParams> = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 3) return err(`AdaptiveAvgPool1d '${node.id}' needs a [C, L] input.`);
  const l = x.shape[2] as number;
  const o = p.output_size;
  let layer: Layer;
  if (l % o === 0)
    layer = tf.layers.averagePooling2d({ poolSize: [1, l / o], strides: [1, l / o], padding: 'valid', name });
  else layer = new custom.Resample({ mode: 'adaptive', size: [1, o], scale: null, alignCorners: false, name });
  return ok(via2d(tf, name, single(layer)));
};
