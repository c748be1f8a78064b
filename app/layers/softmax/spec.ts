import { softmaxSpec } from '../softmax-common';

export const softmax = softmaxSpec('Softmax', 'exp(x) / Σ exp(x) along dim (nn.Softmax); dim counts the batch dimension as 0.');
