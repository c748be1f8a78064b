import { z } from 'zod';
import { elementwise } from '../elementwise';
import { bool } from '../fields';

export const relu6 = elementwise({
  type: 'ReLU6',
  description: 'min(max(0, x), 6) (nn.ReLU6), as MobileNetV2 uses.',
  schema: z.strictObject({ inplace: bool().default(false) }),
  extraRepr: (p) => (p.inplace ? 'inplace=True' : ''),
  help: {
    summary:
      'min(max(0, x), 6): a ReLU capped at 6, so activations stay in a small range that survives low-precision (8-bit) arithmetic on phones. MobileNetV2 uses it after its expansion and depthwise convolutions. Shape unchanged, no weights.',
    params: {
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
});
