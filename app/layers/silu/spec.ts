import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const silu = elementwise({
  type: 'SiLU',
  description: 'x·sigmoid(x), also called swish (nn.SiLU), as EfficientNet uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
});
