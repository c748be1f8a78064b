import { kerasPool1d } from '../../importers/keras-pool1d';
import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['MaxPooling1D', 'MaxPool1D'],
  convert: (c) => kerasPool1d('MaxPool1d', c),
};
