import { activation } from '../../compiler/tfjs/convert/activations';
import type { ParamsOf } from '../spec';
import type { relu as spec } from './spec';

export const relu = activation<ParamsOf<typeof spec>>((tf, _p, name) => tf.layers.reLU({ name }));
