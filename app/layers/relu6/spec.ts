import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const relu6 = elementwise({
  type: 'ReLU6',
  description: 'min(max(0, x), 6) (nn.ReLU6), as MobileNetV2 uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
});
