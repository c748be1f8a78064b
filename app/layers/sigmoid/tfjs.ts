import { activation } from '../../compiler/tfjs/convert/activations';
import type { ParamsOf } from '../spec';
import type { sigmoid as spec } from './spec';

export const sigmoid = activation<ParamsOf<typeof spec>>((tf, _p, name) =>
  tf.layers.activation({ activation: 'sigmoid', name }),
);
