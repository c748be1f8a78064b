import type { Converter } from '../../compiler/tfjs/converter';
import { poolConverter } from '../../compiler/tfjs/convert/pool2d';
import type { AvgPool2dParams } from './spec';

/** AvgPool2d: padding, ceil_mode, count_include_pad and divisor_override as PyTorch. */
export const avgPool2d: Converter<AvgPool2dParams> = poolConverter('avg');
