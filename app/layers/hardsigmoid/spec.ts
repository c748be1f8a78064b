import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const hardsigmoid = elementwise({
  type: 'Hardsigmoid',
  description: "relu6(x + 3)/6 (nn.Hardsigmoid; not Keras's 0.2x + 0.5), as MobileNetV3's squeeze-excitation uses.",
  schema: z.strictObject({ inplace: bool().default(false) }),
  // PyTorch's Hardsigmoid prints no arguments, inplace or not.
  extraRepr: () => '',
  help: {
    summary:
      'relu6(x + 3) / 6: 0 for x <= -3, 1 for x >= 3, and x/6 + 1/2 in between. A piecewise-linear approximation of sigmoid that needs no exp; MobileNetV3 uses it as the gate of its squeeze-excitation blocks. Shape unchanged, no weights.',
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
