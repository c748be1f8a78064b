import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { num } from '../../compiler/tfjs/params';
import { ok } from '../../result';

/** PReLU: the custom layer with PyTorch's weight [num_parameters] (custom/prelu.ts). */
export const prelu: Converter = ({ custom, p, name }) => {
  const layer = new custom.PReLU({ numParameters: num(p, 'num_parameters', 1), init: num(p, 'init', 0.25), name });
  return ok(single(layer, [{ name: 'weight', kind: 'same', layer, weight: 'weight', trainable: true }]));
};
