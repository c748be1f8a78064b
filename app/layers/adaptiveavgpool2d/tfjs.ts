import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { Layer } from '../../compiler/tfjs/tf';
import type { ParamsOf } from '../spec';
import type { adaptiveAvgPool2d as spec } from './spec';

/** AdaptiveAvgPool2d: a plain AveragePooling2D when the bins are even, else PyTorch's uneven bins. */
export const adaptiveAvgPool2d: Converter<ParamsOf<typeof spec>> = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`AdaptiveAvgPool2d '${node.id}' needs a [C, H, W] input.`);
  const [h, w] = [x.shape[1] as number, x.shape[2] as number];
  const o = p.output_size;
  const raw: (number | null)[] = typeof o === 'number' ? [o, o] : o;
  const ho = raw[0] ?? h;
  const wo = raw[1] ?? w;
  let layer: Layer;
  if (h % ho === 0 && w % wo === 0) {
    layer = tf.layers.averagePooling2d({
      poolSize: [h / ho, w / wo],
      strides: [h / ho, w / wo],
      padding: 'valid',
      name,
    });
  } else {
    layer = new custom.Resample({ mode: 'adaptive', size: [ho, wo], scale: null, alignCorners: false, name });
  }
  return ok(single(layer));
};
