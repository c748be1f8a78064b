import { kerasPool } from '../../importers/keras-pool';
import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = { classes: ['MaxPooling2D'], convert: (c) => kerasPool('MaxPool2d', c) };
