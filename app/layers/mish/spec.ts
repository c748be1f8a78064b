import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const mish = elementwise({
  type: 'Mish',
  description: 'x·tanh(softplus(x)) (nn.Mish).',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
  help: {
    summary:
      'x * tanh(softplus(x)): a smooth, non-monotonic activation like SiLU, close to x for large x and close to 0 (slightly negative) for very negative x. Used in YOLOv4. Shape unchanged, no weights.',
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
