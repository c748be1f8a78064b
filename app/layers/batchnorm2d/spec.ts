import { batchNormSpec } from '../batchnorm-common';

export const batchNorm2d = batchNormSpec('BatchNorm2d', [3], '[C, H, W]');
