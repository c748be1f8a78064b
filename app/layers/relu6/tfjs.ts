import { activation } from '../../compiler/tfjs/convert/activations';

export const relu6 = activation((tf, _p, name) => tf.layers.reLU({ maxValue: 6, name }));
