import { batchNormConverter } from '../../compiler/tfjs/convert/batchnorm';

export const batchNorm2d = batchNormConverter(2);
