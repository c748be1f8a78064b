import { kerasZeroPadding } from '../../importers/keras-pad';
import type { KerasImport } from '../../importers/kind-import';
import { ok } from '../../result';

/**
 * ZeroPadding2D adds no node here: its padding is left pending on the value, and becomes the next
 * Conv2d's or AvgPool2d's padding where exact, else a ZeroPad2d node (importers/keras.ts).
 */
export const kerasImport: KerasImport = {
  classes: ['ZeroPadding2D'],
  takesPadding: true,
  convert({ config: c, x, fail }) {
    const p = kerasZeroPadding(c.padding ?? 1);
    if (!p) return fail(`padding ${JSON.stringify(c.padding)} is not n, [h, w] or [[top, bottom], [left, right]]`);
    if (!x.nhwc || x.shape.length !== 3 || (c.data_format && c.data_format !== 'channels_last'))
      return fail('only padding of a channels-last [H, W, C] map is imported');
    const before = x.pad ?? [0, 0, 0, 0];
    return ok({
      ...x,
      padded: undefined,
      pad: [before[0] + p[0], before[1] + p[1], before[2] + p[2], before[3] + p[3]],
    });
  },
};
