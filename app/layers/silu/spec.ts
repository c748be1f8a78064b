import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const silu = elementwise({
  type: 'SiLU',
  description: 'x·sigmoid(x), also called swish (nn.SiLU), as EfficientNet uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
  help: {
    summary:
      "x * sigmoid(x), also called Swish: a smooth ReLU that dips slightly below 0 for negative x instead of cutting them off. EfficientNet uses it throughout (and MobileNetV3's Hardswish approximates it). Shape unchanged, no weights.",
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
