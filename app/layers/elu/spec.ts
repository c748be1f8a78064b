import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool, float } from '../fields';
import { pyFloat } from '../pyrepr';

export const elu = elementwise({
  type: 'ELU',
  description: 'x for x > 0, alpha·(exp(x) − 1) otherwise (nn.ELU).',
  schema: z.strictObject({ alpha: float().default(1.0), inplace: bool().default(false) }),
  extraRepr: (p) => `alpha=${pyFloat(p.alpha)}${p.inplace ? ', inplace=True' : ''}`,
  summary: (p) => (p.alpha === 1 ? '' : `α=${p.alpha}`),
  help: {
    summary:
      'x for positive x, alpha * (exp(x) - 1) otherwise: smooth, with outputs that can be negative, which keeps mean activations near 0. Shape unchanged, no weights.',
    params: {
      alpha: 'Value the output approaches for very negative inputs, as -alpha (default 1.0).',
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
