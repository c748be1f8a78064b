import { activation } from '../../compiler/tfjs/convert/activations';

export const tanh = activation((tf, _p, name) => tf.layers.activation({ activation: 'tanh', name }));
