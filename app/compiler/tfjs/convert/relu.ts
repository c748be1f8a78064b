import { activation } from './activations';

export const relu = activation((tf, _p, name) => tf.layers.reLU({ name }));
