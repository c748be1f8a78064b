import { z } from 'zod';
import { err, ok } from '../../result';
import { dim, posInt } from '../fields';
import type { LayerSpec } from '../spec';
import { splitShapes } from '../split-common';

const msg =
  'must be a positive integer (the size of each piece) or a list of positive integers (the size of every piece)';
const schema = z.strictObject({
  // torch.split has no default for it; the palette starts at 2.
  split_size_or_sections: z
    .union([posInt(msg), z.array(posInt(msg)).min(1, { error: msg })], { error: msg })
    .describe(msg),
  // torch.split's default dim 0 is the batch, which Netloom never splits: 1 (channels) here.
  dim: dim().default(1),
});
export type SplitParams = z.infer<typeof schema>;

const sizesText = (p: SplitParams): string =>
  typeof p.split_size_or_sections === 'number'
    ? String(p.split_size_or_sections)
    : `[${p.split_size_or_sections.join(', ')}]`;

export const split: LayerSpec<SplitParams> = {
  type: 'Split',
  category: 'reshape',
  description:
    'Cuts a tensor along dim into pieces (torch.split): of split_size each (the last smaller), or of the listed sizes; one output per piece.',
  inputs: { min: 1, max: 1 },
  schema,
  inferOutputs: (inputs, p) => splitShapes(inputs, p.split_size_or_sections, p.dim),
  outputCount: (p) => (typeof p.split_size_or_sections === 'number' ? undefined : p.split_size_or_sections.length),
  inferShape(inputs, p) {
    const r = splitShapes(inputs, p.split_size_or_sections, p.dim);
    return r.ok ? ok(r.value[0]) : err(r.error);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Split(split_size_or_sections=${sizesText(p)}, dim=${p.dim})`,
  summary: (p) => `${sizesText(p)}${p.dim === 1 ? '' : `, dim=${p.dim}`}`,
  isModule: false,
  help: {
    summary:
      'Cuts its input along dim into several outputs, as torch.split does: with an integer, into pieces of that size (the last one smaller when the size does not divide evenly: 10 channels by 4 give 4, 4 and 2); with a list, into pieces of exactly those sizes, which must add up to the size of dim. Each piece is its own output handle, numbered from 0 like the tuple torch.split returns, so two branches can work on different channels and be joined again with Concat. No weights.',
    params: {
      split_size_or_sections:
        'An integer: the size of every piece along dim (the last may be smaller). A list: the size of each piece, adding up to the size of dim ([16, 8] cuts 24 channels into 16 and 8). torch.split has no default; a new node starts at 2.',
      dim: 'Dimension cut, counting the batch as 0 (default 1, the channels; torch.split defaults to 0, the batch, which a layer never cuts).',
    },
  },
};
