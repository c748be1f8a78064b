import { activation } from '../../compiler/tfjs/convert/activations';

export const relu = activation((tf, _p, name) => tf.layers.reLU({ name }));
