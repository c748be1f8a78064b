import { torchDim } from '../../importers/keras-util';
import type { KerasImport } from '../../importers/kind-import';

/** Softmax over Keras's axis (-1: the channels of a channels-last value, PyTorch's dim 1). */
export const kerasImport: KerasImport = {
  classes: ['Softmax'],
  convert(c) {
    const { add, config, x } = c;
    if (Array.isArray(config.axis) && config.axis.length !== 1)
      return c.fail(`a Softmax over several axes (${JSON.stringify(config.axis)}) has no PyTorch layer; use one axis`);
    const axis: unknown = Array.isArray(config.axis) ? config.axis[0] : config.axis;
    const dim = torchDim(x, axis);
    if (!(dim >= 1 && dim <= x.shape.length))
      return c.fail(
        `axis ${JSON.stringify(axis)} is not an axis of a sample of this input; use one from 1 to ${x.shape.length}, or -1`,
      );
    return add('Softmax', { dim }, [x], x.nhwc);
  },
};
