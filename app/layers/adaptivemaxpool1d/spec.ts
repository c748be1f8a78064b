import { type Adaptive1dParams, adaptive1dSpec } from '../adaptive1d-common';

export type AdaptiveMaxPool1dParams = Adaptive1dParams;

export const adaptiveMaxPool1d = adaptive1dSpec(
  'AdaptiveMaxPool1d',
  'Max pooling of [C, L] to a fixed length (nn.AdaptiveMaxPool1d).',
  {
    summary:
      'Keeps the largest value of each channel of a sequence [C, L] over output_size windows it chooses itself, whatever L is (window i covers floor(i*L/out) to ceil((i+1)*L/out)). output_size=1 is global max pooling over time: [C, L] becomes [C, 1].',
    params: { output_size: 'Target length (1 means one value per channel).' },
  },
);
