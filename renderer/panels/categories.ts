import type { LayerCategory } from '../../app/layers/spec';

/** Palette order and names of the layer categories; their colours are the `--cat-*` theme variables. */
export const CATEGORY_ORDER: readonly LayerCategory[] = [
  'input',
  'conv',
  'pool',
  'norm',
  'activation',
  'dropout',
  'linear',
  'reshape',
  'merge',
];

export const CATEGORY_LABEL: Record<LayerCategory, string> = {
  input: 'Input',
  conv: 'Convolution',
  pool: 'Pooling',
  norm: 'Normalization',
  activation: 'Activation',
  dropout: 'Dropout',
  linear: 'Linear',
  reshape: 'Reshape',
  merge: 'Merge',
};

/** dataTransfer type of a palette drag. */
export const LAYER_DRAG_TYPE = 'application/x-netloom-layer';
