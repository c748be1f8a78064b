import { z } from 'zod';
import { ok } from '../../result';
import { intOrSingle } from '../fields';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

const schema = z.strictObject({ output_size: intOrSingle(1) });
export type AdaptiveMaxPool1dParams = z.infer<typeof schema>;

export const adaptiveMaxPool1d: LayerSpec<AdaptiveMaxPool1dParams> = {
  type: 'AdaptiveMaxPool1d',
  category: 'pool',
  description: 'Max pooling of [C, L] to a fixed length (nn.AdaptiveMaxPool1d).',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [2], '[C, L]');
    if (!x.ok) return x;
    return ok([x.value[0], p.output_size]);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `AdaptiveMaxPool1d(output_size=${p.output_size})`,
  summary: (p) => `→ ${p.output_size}`,
  isModule: true,
  help: {
    summary:
      'Keeps the largest value of each channel of a sequence [C, L] over output_size windows it chooses itself, whatever L is (window i covers floor(i*L/out) to ceil((i+1)*L/out)). output_size=1 is global max pooling over time: [C, L] becomes [C, 1].',
    params: { output_size: 'Target length (1 means one value per channel).' },
  },
};
