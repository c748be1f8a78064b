import { z } from 'zod';
import { elementwise } from '../elementwise';

export const identity = elementwise({
  type: 'Identity',
  category: 'reshape',
  description: 'Passes its input through unchanged (nn.Identity).',
  schema: z.strictObject({}),
  extraRepr: () => '',
  help: {
    summary:
      "Returns its input unchanged: a placeholder where a block needs a module but nothing should happen (ResNet's shortcut without downsampling).",
    params: {},
  },
});
