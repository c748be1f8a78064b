import type { KerasImport } from '../../importers/kind-import';

/** Softmax; Keras's last axis (-1) is PyTorch's dim 1 here. */
export const kerasImport: KerasImport = {
  classes: ['Softmax'],
  convert: ({ add, config: c, x }) =>
    add('Softmax', { dim: Number(c.axis ?? -1) === -1 ? 1 : Number(c.axis) }, [x], x.nhwc),
};
