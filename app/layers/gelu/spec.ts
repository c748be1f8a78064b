import { z } from 'zod';
import { elementwise } from '../elementwise';
import { pyStr } from '../pyrepr';

const msg = "must be 'none' or 'tanh'";
export const gelu = elementwise({
  type: 'GELU',
  description: 'Gaussian error linear unit (nn.GELU); approximate "tanh" uses the tanh formula.',
  schema: z.strictObject({ approximate: z.enum(['none', 'tanh'], { error: msg }).describe(msg).default('none') }),
  extraRepr: (p) => `approximate=${pyStr(p.approximate)}`,
  summary: (p) => (p.approximate === 'none' ? '' : 'tanh'),
  help: {
    summary:
      'x weighted by the probability that a standard normal is below x: a smooth ReLU used in transformers. Shape unchanged, no weights.',
    params: {
      approximate: "'none' (default) computes the exact form; 'tanh' a faster approximation.",
    },
  },
});
