import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { num } from '../../compiler/tfjs/params';

/** ELU: tfjs's layer for alpha = 1, else the TorchELU layer. */
export const elu: Converter = ({ tf, custom, p, name }) => {
  const alpha = num(p, 'alpha', 1);
  return ok(single(alpha === 1 ? tf.layers.elu({ alpha, name }) : new custom.ELU({ alpha, name })));
};
