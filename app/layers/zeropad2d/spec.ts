import { z } from 'zod';
import { err, ok } from '../../result';
import { MAX_INT } from '../fields';
import { fmtShape, pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const msg = 'must be a non-negative integer or four of them (left, right, top, bottom)';
const side = z.number({ error: msg }).int({ error: msg }).min(0, { error: msg }).max(MAX_INT, { error: msg });

const schema = z.strictObject({
  padding: z.union([side, z.tuple([side, side, side, side])], { error: msg }).describe(msg),
});
export type ZeroPad2dParams = z.infer<typeof schema>;

/** PyTorch's order: (left, right, top, bottom), as nn.ZeroPad2d stores `padding`. */
export function zeroPadSides(p: ZeroPad2dParams): [number, number, number, number] {
  return typeof p.padding === 'number' ? [p.padding, p.padding, p.padding, p.padding] : p.padding;
}

export const zeroPad2d: LayerSpec<ZeroPad2dParams> = {
  type: 'ZeroPad2d',
  category: 'reshape',
  description:
    'Pads [C, H, W] with zeros (nn.ZeroPad2d): padding = n, or (left, right, top, bottom), e.g. TensorFlow\'s "same" with stride 2.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) return err('needs an input; connect one');
    if (x.length !== 3) {
      return err(
        `pads images [C, H, W] per sample, gets ${fmtShape(x)}` +
          (x.length < 3
            ? ': connect it before the Flatten/Linear, to a [C, H, W] output'
            : ': give it a [C, H, W] input'),
      );
    }
    const [l, r, t, b] = zeroPadSides(p);
    const [c, h, w] = x;
    const oh = h + t + b;
    const ow = w + l + r;
    if (oh > MAX_INT || ow > MAX_INT) return err(`padding makes the output ${oh} x ${ow}: use smaller padding`);
    return ok([c, oh, ow]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  // nn.ZeroPad2d's extra_repr prints its 4-tuple: `ZeroPad2d((0, 1, 0, 1))`.
  repr: (_inputs, p) => `ZeroPad2d(${pyIntOrTuple(zeroPadSides(p))})`,
  summary: (p) => {
    const s = zeroPadSides(p);
    return s.every((v) => v === s[0]) ? `p${s[0]}` : `l${s[0]} r${s[1]} t${s[2]} b${s[3]}`;
  },
  isModule: true,
  help: {
    summary:
      "Adds rows and columns of zeros around each channel: H_out = H + top + bottom, W_out = W + left + right. No weights. Keras imports use it where 'same' padding is uneven.",
    params: {
      padding: 'One number for all four sides, or [left, right, top, bottom].',
    },
  },
};
