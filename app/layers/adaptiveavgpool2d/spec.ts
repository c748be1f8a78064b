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
export type AdaptiveAvgPool2dParams = z.infer<typeof schema>;

export const adaptiveAvgPool2d: LayerSpec<AdaptiveAvgPool2dParams> = {
  type: 'AdaptiveAvgPool2d',
  category: 'pool',
  description: 'Average pooling to a fixed output size (nn.AdaptiveAvgPool2d); an empty entry keeps the input size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [3], '[C, H, W]');
    if (!x.ok) return x;
    const [c, h, w] = x.value;
    const [oh, ow] = typeof p.output_size === 'number' ? [p.output_size, p.output_size] : p.output_size;
    return ok([c, oh ?? h, ow ?? w]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `AdaptiveAvgPool2d(output_size=${pyIntOrTuple(p.output_size)})`,
  summary: (p) =>
    `→ ${typeof p.output_size === 'number' ? `${p.output_size}x${p.output_size}` : p.output_size.map((v) => v ?? '·').join('x')}`,
  isModule: true,
  help: {
    summary:
      "Averages each channel down to a fixed output_size whatever the input's H and W, choosing the windows itself. output_size=1 is global average pooling (ResNet, DenseNet): [C, H, W] becomes [C, 1, 1], ready for Flatten and a Linear.",
    params: {
      output_size:
        'Target height and width (1 means 1x1; a pair such as [6, 6] for AlexNet). None in a pair keeps that side.',
    },
  },
};
