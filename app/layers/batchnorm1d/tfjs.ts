import { batchNormConverter } from '../../compiler/tfjs/convert/batchnorm';

export const batchNorm1d = batchNormConverter(1);
