import { z } from 'zod';
import { elementwise } from '../elementwise';

export const sigmoid = elementwise({
  type: 'Sigmoid',
  description: '1 / (1 + exp(−x)) (nn.Sigmoid).',
  schema: z.strictObject({}),
  extraRepr: () => '',
  help: {
    summary:
      '1 / (1 + exp(-x)): squashes each value into (0, 1), as a probability for a yes/no output. Deep stacks of sigmoids train slowly (small gradients), which is why hidden layers use ReLU. Shape unchanged.',
    params: {},
  },
});
