import type { KerasImport } from '../../importers/kind-import';

/** Keras's Identity layer (Keras 3, tf.keras) as nn.Identity. */
export const kerasImport: KerasImport = {
  classes: ['Identity'],
  convert: ({ add, x }) => add('Identity', {}, [x], x.nhwc),
};
