import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const hardswish = elementwise({
  type: 'Hardswish',
  description: 'x·relu6(x + 3)/6 (nn.Hardswish), as MobileNetV3 uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  // PyTorch's Hardswish prints no arguments, inplace or not.
  extraRepr: () => '',
});
