import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { prelu as spec } from './spec';

/** PReLU: the custom layer with PyTorch's weight [num_parameters] (custom/prelu.ts). */
export const prelu: Converter<ParamsOf<typeof spec>> = ({ custom, p, name }) => {
  const layer = new custom.PReLU({ numParameters: p.num_parameters, init: p.init, name });
  return ok(single(layer, [{ name: 'weight', kind: 'same', layer, weight: 'weight', trainable: true }]));
};
