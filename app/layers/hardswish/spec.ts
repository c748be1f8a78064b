import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const hardswish = elementwise({
  type: 'Hardswish',
  description: 'x·relu6(x + 3)/6 (nn.Hardswish), as MobileNetV3 uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  // PyTorch's Hardswish prints no arguments, inplace or not.
  extraRepr: () => '',
  help: {
    summary:
      'x * relu6(x + 3) / 6: 0 for x <= -3, x for x >= 3, and a curve in between. A piecewise-linear approximation of SiLU/Swish that needs no exp, so it is cheap on phones; MobileNetV3 uses it in its later layers. Shape unchanged, no weights.',
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
