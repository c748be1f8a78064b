import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { Layer } from '../../compiler/tfjs/tf';
import { adaptiveSize, type AdaptiveMaxPool2dParams } from './spec';

/** AdaptiveMaxPool2d: a plain MaxPooling2D when the bins are even, else PyTorch's uneven bins (custom/adaptivemax.ts). */
export const adaptiveMaxPool2d: Converter<AdaptiveMaxPool2dParams> = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`AdaptiveMaxPool2d '${node.id}' needs a [C, H, W] input.`);
  const [h, w] = [x.shape[1] as number, x.shape[2] as number];
  const [ho, wo] = adaptiveSize(p.output_size, h, w);
  let layer: Layer;
  if (h % ho === 0 && w % wo === 0)
    layer = tf.layers.maxPooling2d({ poolSize: [h / ho, w / wo], strides: [h / ho, w / wo], padding: 'valid', name });
  else layer = new custom.AdaptiveMax({ size: [ho, wo], name });
  return ok(single(layer));
};
