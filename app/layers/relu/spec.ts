import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const relu = elementwise({
  type: 'ReLU',
  description: 'max(0, x) (nn.ReLU).',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
});
