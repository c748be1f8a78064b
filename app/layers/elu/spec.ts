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
});
