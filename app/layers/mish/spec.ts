import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const mish = elementwise({
  type: 'Mish',
  description: 'x·tanh(softplus(x)) (nn.Mish).',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
});
