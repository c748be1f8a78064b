import type { KerasImport } from '../../importers/kind-import';

/** LeakyReLU: Keras 3's negative_slope, Keras 2's and tfjs's alpha (both default 0.3). */
export const kerasImport: KerasImport = {
  classes: ['LeakyReLU'],
  convert: ({ add, config: c, x }) =>
    add('LeakyReLU', { negative_slope: Number(c.negative_slope ?? c.alpha ?? 0.3) }, [x], x.nhwc),
};
