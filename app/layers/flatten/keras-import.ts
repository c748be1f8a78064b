import type { KerasImport } from '../../importers/kind-import';

/** Flatten; of an [H, W, C] map it remembers Keras's order for the next Dense. */
export const kerasImport: KerasImport = {
  classes: ['Flatten'],
  convert({ add, x }) {
    const v = add('Flatten', {}, [x], false);
    if (v.ok && x.nhwc && x.shape.length === 3) v.value.flatHWC = [x.shape[1], x.shape[2], x.shape[0]];
    // A sequence [L, C] (PyTorch's [C, L]): Keras flattens it position by position, as a [1, L, C] map.
    if (v.ok && x.nhwc && x.shape.length === 2) v.value.flatHWC = [1, x.shape[1], x.shape[0]];
    return v;
  },
};
