import { batchNormSpec } from '../batchnorm-common';

export const batchNorm1d = batchNormSpec('BatchNorm1d', [1, 2], '[F] or [C, L]');
