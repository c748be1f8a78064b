import { z } from 'zod';
import { ok } from '../../result';
import { MAX_INT } from '../fields';
import { pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

const msg = 'must be a positive integer or a pair (an entry may be empty to keep that size)';
const size = z.number({ error: msg }).int({ error: msg }).min(1, { error: msg }).max(MAX_INT, { error: msg });
const schema = z.strictObject({
  output_size: z.union([size, z.tuple([size.nullable(), size.nullable()])], { error: msg }).describe(msg),
});
export type AdaptiveMaxPool2dParams = z.infer<typeof schema>;

/** The output [H, W] of an adaptive pool: an empty entry keeps the input's size. */
export function adaptiveSize(o: AdaptiveMaxPool2dParams['output_size'], h: number, w: number): [number, number] {
  const [oh, ow] = typeof o === 'number' ? [o, o] : o;
  return [oh ?? h, ow ?? w];
}

export const adaptiveMaxPool2d: LayerSpec<AdaptiveMaxPool2dParams> = {
  type: 'AdaptiveMaxPool2d',
  category: 'pool',
  description: 'Max pooling to a fixed output size (nn.AdaptiveMaxPool2d); an empty entry keeps the input size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [3], '[C, H, W]');
    if (!x.ok) return x;
    const [c, h, w] = x.value;
    return ok([c, ...adaptiveSize(p.output_size, h, w)]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `AdaptiveMaxPool2d(output_size=${pyIntOrTuple(p.output_size)})`,
  summary: (p) =>
    `→ ${typeof p.output_size === 'number' ? `${p.output_size}x${p.output_size}` : p.output_size.map((v) => v ?? '·').join('x')}`,
  isModule: true,
  help: {
    summary:
      "Keeps the largest value of each channel over windows it chooses itself so that the output has a fixed output_size whatever the input's H and W. output_size=1 is global max pooling: [C, H, W] becomes [C, 1, 1].",
    params: {
      output_size: 'Target height and width (1 means 1x1; a pair such as [7, 7]). None in a pair keeps that side.',
    },
  },
};
