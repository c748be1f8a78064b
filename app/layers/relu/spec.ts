import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const relu = elementwise({
  type: 'ReLU',
  description: 'max(0, x) (nn.ReLU).',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
  help: {
    summary:
      'max(0, x) for every element: the default activation of CNNs. Without a non-linearity between them, stacked layers collapse into one linear map. Shape unchanged, no weights.',
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
