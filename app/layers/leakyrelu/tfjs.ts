import { num } from '../../compiler/tfjs/params';
import { activation } from '../../compiler/tfjs/convert/activations';

export const leakyRelu = activation((tf, p, name) => tf.layers.leakyReLU({ alpha: num(p, 'negative_slope', 0.01), name }));
