import { num } from '../params';
import { activation } from './activations';

export const elu = activation((tf, p, name) => tf.layers.elu({ alpha: num(p, 'alpha', 1), name }));
