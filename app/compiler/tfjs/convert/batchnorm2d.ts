import { batchNormConverter } from './batchnorm';

export const batchNorm2d = batchNormConverter(2);
