import { z } from 'zod';
import { elementwise } from '../elementwise';

export const identity = elementwise({
  type: 'Identity',
  category: 'reshape',
  description: 'Passes its input through unchanged (nn.Identity).',
  schema: z.strictObject({}),
  extraRepr: () => '',
});
