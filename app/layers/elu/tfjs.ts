import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';

/** ELU: tfjs's layer for alpha = 1, else the TorchELU layer. */
export const elu: Converter<{ alpha: number }> = ({ tf, custom, p, name }) => {
  const alpha = p.alpha;
  return ok(single(alpha === 1 ? tf.layers.elu({ alpha, name }) : new custom.ELU({ alpha, name })));
};
