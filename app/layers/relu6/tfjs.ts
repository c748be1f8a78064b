import { activation } from '../../compiler/tfjs/convert/activations';
import type { ParamsOf } from '../spec';
import type { relu6 as spec } from './spec';

export const relu6 = activation<ParamsOf<typeof spec>>((tf, _p, name) => tf.layers.reLU({ maxValue: 6, name }));
