import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { Layer } from '../../compiler/tfjs/tf';

function asPair(v: unknown): [number, number] | null {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  return null;
}

/** Upsample: nearest by an integer factor is tfjs's UpSampling2D; everything else is PyTorch's exact map. */
export const upsample: Converter = ({ tf, custom, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`Upsample '${node.id}' needs a [C, H, W] input.`);
  const mode = (p.mode ?? 'nearest') as string;
  if (mode !== 'nearest' && mode !== 'bilinear')
    return err(`Upsample '${node.id}': mode '${mode}' is not supported; use 'nearest' or 'bilinear'.`);
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
