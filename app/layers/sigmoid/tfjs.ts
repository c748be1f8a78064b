import { activation } from '../../compiler/tfjs/convert/activations';

export const sigmoid = activation((tf, _p, name) => tf.layers.activation({ activation: 'sigmoid', name }));
