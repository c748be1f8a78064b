import { num } from '../params';
import { activation } from './activations';

export const leakyRelu = activation((tf, p, name) => tf.layers.leakyReLU({ alpha: num(p, 'negative_slope', 0.01), name }));
