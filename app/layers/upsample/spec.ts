import { z } from 'zod';
import { err, ok } from '../../result';
import { MAX_INT, bool } from '../fields';
import { fmtShape, pyFloatOrTuple, pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const sizeMsg = 'must be a positive integer or a pair, or empty';
const sz = z
  .number({ error: sizeMsg })
  .int({ error: sizeMsg })
  .min(1, { error: sizeMsg })
  .max(MAX_INT, { error: sizeMsg });
const scaleMsg = 'must be a positive number or a pair, or empty';
const sc = z.number({ error: scaleMsg }).refine((x) => Number.isFinite(x) && x > 0, { error: scaleMsg });

const schema = z.strictObject({
  size: z
    .union([sz, z.tuple([sz, sz])], { error: sizeMsg })
    .describe(sizeMsg)
    .nullable()
    .default(null),
  scale_factor: z
    .union([sc, z.tuple([sc, sc])], { error: scaleMsg })
    .describe(scaleMsg)
    .nullable()
    .default(null),
  mode: z
    .enum(['nearest', 'bilinear'], { error: "must be 'nearest' or 'bilinear'" })
    .describe("must be 'nearest' or 'bilinear'")
    .default('nearest'),
  align_corners: bool().nullable().default(null),
});
export type UpsampleParams = z.infer<typeof schema>;

export const upsample: LayerSpec<UpsampleParams> = {
  type: 'Upsample',
  category: 'reshape',
  description: 'Resizes [C, H, W] by scale_factor or to size (nn.Upsample / F.interpolate), nearest or bilinear.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) return err('needs an input; connect one');
    if (x.length !== 3) return err(`expects [C, H, W] per sample, gets ${fmtShape(x)}`);
    if (p.size !== null && p.scale_factor !== null)
      return err('give either size or scale_factor, not both: clear one of them');
    if (p.size === null && p.scale_factor === null) return err('give size or scale_factor');
    if (p.mode === 'nearest' && p.align_corners !== null)
      return err("align_corners can only be set with mode 'bilinear': clear align_corners or change mode");
    const [c, h, w] = x;
    if (p.size !== null) {
      const [oh, ow] = typeof p.size === 'number' ? [p.size, p.size] : p.size;
      return ok([c, oh, ow]);
    }
    const sf = p.scale_factor as number | [number, number];
    const [fh, fw] = typeof sf === 'number' ? [sf, sf] : sf;
    // F.interpolate: floor(float(in) * scale), in double precision.
    const oh = Math.floor(h * fh);
    const ow = Math.floor(w * fw);
    if (oh < 1 || ow < 1) return err(`scale_factor makes the output ${oh} x ${ow}: use a larger scale_factor`);
    return ok([c, oh, ow]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  // nn.Upsample prints str(), not repr(): `Upsample(scale_factor=2.0, mode=nearest)`.
  repr: (_inputs, p) =>
    `Upsample(${p.scale_factor !== null ? `scale_factor=${pyFloatOrTuple(p.scale_factor)}` : `size=${pyIntOrTuple(p.size)}`}, mode=${p.mode})`,
  summary: (p) =>
    `${p.scale_factor !== null ? `×${pyFloatOrTuple(p.scale_factor).replace(/\.0\b/g, '')}` : `→ ${pyIntOrTuple(p.size)}`}, ${p.mode}`,
  isModule: true,
  help: {
    summary:
      'Enlarges H and W by scale_factor (or to a given size) by repeating or interpolating pixels; no weights. Used in decoders and segmentation networks.',
    params: {
      size: 'Target output size [H, W]; give either size or scale_factor.',
      scale_factor: 'Multiplier for H and W (2 doubles them).',
      mode: "'nearest' (default) repeats pixels; 'bilinear' interpolates.",
      align_corners:
        "For 'bilinear': align the corner pixels of input and output (PyTorch's default None means False).",
    },
  },
};
