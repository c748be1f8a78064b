import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const hardsigmoid = elementwise({
  type: 'Hardsigmoid',
  description: 'relu6(x + 3)/6 (nn.Hardsigmoid; not Keras\'s 0.2x + 0.5), as MobileNetV3\'s squeeze-excitation uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  // PyTorch's Hardsigmoid prints no arguments, inplace or not.
  extraRepr: () => '',
});
