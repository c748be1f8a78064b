import { batchNormConverter } from './batchnorm';

export const batchNorm1d = batchNormConverter(1);
