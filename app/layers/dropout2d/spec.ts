import { ok } from '../../result';
import { dropoutRepr, dropoutSchema, type DropoutParams } from '../dropout-common';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

export const dropout2d: LayerSpec<DropoutParams> = {
  type: 'Dropout2d',
  category: 'dropout',
  description: 'Zeroes whole channels with probability p while training (nn.Dropout2d); identity in eval mode.',
  inputs: { min: 1, max: 1 },
  schema: dropoutSchema,
  inferShape(inputs) {
    // PyTorch 1.13 only warns for other ranks and then drops the wrong axis; here that is an error.
    const x = oneInput(inputs, [3], '[C, H, W] (use Dropout for other shapes)');
    return x.ok ? ok(x.value) : x;
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => dropoutRepr('Dropout2d', p),
  summary: (p) => `p=${p.p}`,
  isModule: true,
  help: {
    summary:
      'While training, zeroes whole channels (feature maps) with probability p and scales the rest by 1/(1-p); identity in eval(). Neighbouring pixels are correlated, so dropping whole maps regularizes convolutions better than single pixels. Shape unchanged.',
    params: {
      p: 'Probability of zeroing a channel (default 0.5).',
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
};
