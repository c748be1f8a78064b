import type { KerasImport } from '../../importers/kind-import';
import { reshapeAsFlatten, reshapeAsUnflatten } from '../../importers/onnx-reshape';

/**
 * Reshape of a value in PyTorch's order (a Dense output, a sequence) that splits one dim as Unflatten,
 * or merges a range as Flatten. A result of three dims is Keras's channels-last [H, W, C]: it is
 * permuted to PyTorch's [C, H, W] (x.permute(0, 3, 1, 2)) for the layers after it.
 */
export const kerasImport: KerasImport = {
  classes: ['Reshape'],
  convert({ config, x, add, fail }) {
    const target = Array.isArray(config.targetShape ?? config.target_shape)
      ? ((config.targetShape ?? config.target_shape) as number[]).map(Number)
      : undefined;
    if (!target) return fail('a Reshape without a target_shape');
    if (x.nhwc) return fail('a Reshape of a channels-last image is not imported; Flatten it first');
    const flat = reshapeAsFlatten(x.shape, [-1, ...target]);
    if (flat) return add('Flatten', flat, [x], false);
    const split = reshapeAsUnflatten(x.shape, [0, ...target]);
    if (!split)
      return fail(
        `a Reshape of ${JSON.stringify(x.shape)} to ${JSON.stringify(target)} is not imported (it must split one dim or merge a range)`,
      );
    const v = add('Unflatten', split, [x], false);
    if (!v.ok || target.length !== 3) return v;
    return add('Permute', { dims: [0, 3, 1, 2] }, [v.value], true);
  },
};
