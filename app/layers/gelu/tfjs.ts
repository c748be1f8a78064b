import { activation } from '../../compiler/tfjs/convert/activations';

/** GELU: exact (erf) by default, the tanh approximation when approximate='tanh'. */
export const gelu = activation((tf, p, name) =>
  tf.layers.activation({ activation: p.approximate === 'tanh' ? 'gelu_new' : 'gelu', name }),
);
