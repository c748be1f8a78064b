import { ok } from '../../result';
import { dropoutRepr, dropoutSchema, type DropoutParams } from '../dropout-common';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

export const dropout: LayerSpec<DropoutParams> = {
  type: 'Dropout',
  category: 'dropout',
  description: 'Zeroes each element with probability p while training (nn.Dropout); identity in eval mode.',
  inputs: { min: 1, max: 1 },
  schema: dropoutSchema,
  inferShape(inputs) {
    const x = oneInput(inputs, [0, 1, 2, 3, 4, 5, 6], 'a tensor');
    return x.ok ? ok(x.value) : x;
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => dropoutRepr('Dropout', p),
  summary: (p) => `p=${p.p}`,
  isModule: true,
  help: {
    summary:
      'While training, zeroes each element with probability p and scales the rest by 1/(1-p); in eval() it passes everything through. Units cannot rely on each other, which fights overfitting (training accuracy far above validation accuracy). Shape unchanged, no weights.',
    params: {
      p: 'Probability of zeroing an element (default 0.5). 0.5 is usual before Linear layers; 0.1 to 0.3 after convolutions.',
      inplace:
        'Overwrite the input instead of allocating a new tensor (default False). Saves memory; the result is the same.',
    },
  },
};
