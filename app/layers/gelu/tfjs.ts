import { activation } from '../../compiler/tfjs/convert/activations';
import type { ParamsOf } from '../spec';
import type { gelu as spec } from './spec';

/** GELU: exact (erf) by default, the tanh approximation when approximate='tanh'. */
export const gelu = activation<ParamsOf<typeof spec>>((tf, p, name) =>
  tf.layers.activation({ activation: p.approximate === 'tanh' ? 'gelu_new' : 'gelu', name }),
);
