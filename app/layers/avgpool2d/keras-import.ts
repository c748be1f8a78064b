import { kerasPool } from '../../importers/keras-pool';
import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['AveragePooling2D'],
  takesPadding: true,
  convert: (c) => kerasPool('AvgPool2d', c),
};
