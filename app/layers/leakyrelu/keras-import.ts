import type { KerasImport } from '../../importers/kind-import';

/** LeakyReLU (Keras's alpha defaults to 0.3). */
export const kerasImport: KerasImport = {
  classes: ['LeakyReLU'],
  convert: ({ add, config: c, x }) => add('LeakyReLU', { negative_slope: Number(c.alpha ?? 0.3) }, [x], x.nhwc),
};
