import { poolConverter } from '../../compiler/tfjs/convert/pool2d';

/** AvgPool2d: padding, ceil_mode, count_include_pad and divisor_override as PyTorch. */
export const avgPool2d = poolConverter('avg');
