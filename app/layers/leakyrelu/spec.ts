import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool, float } from '../fields';
import { pyFloat } from '../pyrepr';

export const leakyRelu = elementwise({
  type: 'LeakyReLU',
  description: 'x for x ≥ 0, negative_slope·x otherwise (nn.LeakyReLU).',
  schema: z.strictObject({ negative_slope: float().default(0.01), inplace: bool().default(false) }),
  extraRepr: (p) => `negative_slope=${pyFloat(p.negative_slope)}${p.inplace ? ', inplace=True' : ''}`,
  summary: (p) => `${p.negative_slope}`,
  help: {
    summary:
      'x for positive x, negative_slope * x otherwise: like ReLU but negative inputs keep a small gradient, so units cannot "die". Shape unchanged, no weights.',
    params: {
      negative_slope: 'Slope for negative inputs (default 0.01).',
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
