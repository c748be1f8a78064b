import { kerasPool1d } from '../../importers/keras-pool1d';
import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['AveragePooling1D', 'AvgPool1D'],
  convert: (c) => kerasPool1d('AvgPool1d', c),
};
