import { z } from 'zod';
import { ok } from '../../result';
import { float, posInt } from '../fields';
import { pyFloat } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

const schema = z.strictObject({
  size: posInt(),
  alpha: float().default(1e-4),
  beta: float().default(0.75),
  k: float().default(1.0),
});
export type LocalResponseNormParams = z.infer<typeof schema>;

export const localResponseNorm: LayerSpec<LocalResponseNormParams> = {
  type: 'LocalResponseNorm',
  category: 'norm',
  description: 'Normalizes each element over `size` neighbouring channels (nn.LocalResponseNorm, AlexNet).',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs) {
    const x = oneInput(inputs, [2, 3, 4, 5], '[C, L], [C, H, W] or more dims');
    return x.ok ? ok(x.value.slice()) : x;
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) =>
    `LocalResponseNorm(${p.size}, alpha=${pyFloat(p.alpha)}, beta=${pyFloat(p.beta)}, k=${pyFloat(p.k)})`,
  summary: (p) => `${p.size}`,
  isModule: true,
  help: {
    summary:
      "Divides each activation by the activity of its neighbouring channels (AlexNet's lateral inhibition); shape unchanged, no weights. Largely replaced by BatchNorm.",
    params: {
      size: 'How many neighbouring channels take part.',
      alpha: "Scale of the neighbours' squared sum (default 1e-4).",
      beta: 'Exponent of the divisor (default 0.75).',
      k: 'Constant added to the divisor (default 1).',
    },
  },
};
