import { z } from 'zod';
import { ok } from '../result';
import { intOrSingle } from './fields';
import type { LayerHelp, LayerSpec } from './spec';
import { oneInput } from './util';

const schema = z.strictObject({ output_size: intOrSingle(1) });
/** The params of AdaptiveAvgPool1d and AdaptiveMaxPool1d: one output length. */
export type Adaptive1dParams = z.infer<typeof schema>;

/**
 * What the two 1-D adaptive pools share: [C, L] to [C, output_size], no parameters, PyTorch's
 * repr. Each kind gives its type name, description and help.
 */
export function adaptive1dSpec(type: string, description: string, help: LayerHelp): LayerSpec<Adaptive1dParams> {
  return {
    type,
    category: 'pool',
    description,
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
    repr: (_inputs, p) => `${type}(output_size=${p.output_size})`,
    summary: (p) => `→ ${p.output_size}`,
    isModule: true,
    help,
  };
}
