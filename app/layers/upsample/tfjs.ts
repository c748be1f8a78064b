import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { Layer } from '../../compiler/tfjs/tf';
import type { ParamsOf } from '../spec';
import type { upsample as spec } from './spec';

const asPair = (v: number | [number, number] | null): [number, number] | null =>
  v === null ? null : typeof v === 'number' ? [v, v] : v;

/** Upsample: nearest by an integer factor is tfjs's UpSampling2D; everything else is PyTorch's exact map. */
export const upsample: Converter<ParamsOf<typeof spec>> = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`Upsample '${node.id}' needs a [C, H, W] input.`);
  const mode = p.mode;
  const size = asPair(p.size);
  const scale = size ? null : asPair(p.scale_factor);
  if (!size && !scale) return err(`Upsample '${node.id}': set size or scale_factor.`);
  const [h, w] = [x.shape[1] as number, x.shape[2] as number];
  const factor = size ? [size[0] / h, size[1] / w] : (scale as [number, number]);
  let layer: Layer;
  if (mode === 'nearest' && factor.every((f) => Number.isInteger(f) && f >= 1)) {
    layer = tf.layers.upSampling2d({ size: factor, interpolation: 'nearest', name });
  } else {
    layer = new custom.Resample({ mode, size, scale, alignCorners: p.align_corners === true, name });
  }
  return ok(single(layer));
};
