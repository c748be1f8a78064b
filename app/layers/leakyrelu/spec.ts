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
});
