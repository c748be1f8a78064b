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
};
