import type { KerasImport } from '../../importers/kind-import';
import { pairOf, simple } from '../../importers/keras-util';

export const kerasImport: KerasImport = {
  classes: ['UpSampling2D'],
  convert: ({ add, config: c, x }) =>
    add(
      'Upsample',
      { scale_factor: simple(pairOf(c.size, 2)), mode: c.interpolation === 'bilinear' ? 'bilinear' : 'nearest' },
      [x],
      true,
    ),
};
