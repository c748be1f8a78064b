import { z } from 'zod';
import { elementwise } from '../elementwise';

export const tanh = elementwise({
  type: 'Tanh',
  description: 'tanh(x) (nn.Tanh).',
  schema: z.strictObject({}),
  extraRepr: () => '',
});
