import { z } from 'zod';
import { elementwise } from '../elementwise';

export const sigmoid = elementwise({
  type: 'Sigmoid',
  description: '1 / (1 + exp(−x)) (nn.Sigmoid).',
  schema: z.strictObject({}),
  extraRepr: () => '',
});
