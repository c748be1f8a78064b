import { activation } from '../../compiler/tfjs/convert/activations';

export const leakyRelu = activation<{ negative_slope: number }>((tf, p, name) =>
  tf.layers.leakyReLU({ alpha: p.negative_slope, name }),
);
