import { type Adaptive1dParams, adaptive1dSpec } from '../adaptive1d-common';

export type AdaptiveAvgPool1dParams = Adaptive1dParams;

export const adaptiveAvgPool1d = adaptive1dSpec(
  'AdaptiveAvgPool1d',
  'Average pooling of [C, L] to a fixed length (nn.AdaptiveAvgPool1d).',
  {
    summary:
      'Averages each channel of a sequence [C, L] down to output_size positions whatever L is, choosing the windows itself (window i covers floor(i*L/out) to ceil((i+1)*L/out)). output_size=1 is global average pooling over time: [C, L] becomes [C, 1].',
    params: { output_size: 'Target length (1 means one value per channel).' },
  },
);
