import { z } from 'zod';
import { elementwise } from '../elementwise';

export const tanh = elementwise({
  type: 'Tanh',
  description: 'tanh(x) (nn.Tanh).',
  schema: z.strictObject({}),
  extraRepr: () => '',
  help: {
    summary:
      "tanh(x): squashes each value into (-1, 1), centred on 0. Used in LeNet's era and in RNNs; saturates like Sigmoid. Shape unchanged.",
    params: {},
  },
});
