import { activation } from '../../compiler/tfjs/convert/activations';
import type { ParamsOf } from '../spec';
import type { tanh as spec } from './spec';

export const tanh = activation<ParamsOf<typeof spec>>((tf, _p, name) =>
  tf.layers.activation({ activation: 'tanh', name }),
);
