import type { Converter } from '../../compiler/tfjs/converter';
import { poolConverter } from '../../compiler/tfjs/convert/pool2d';
import type { MaxPool2dParams } from './spec';

/** MaxPool2d: -inf padding, ceil_mode and dilation as PyTorch. */
export const maxPool2d: Converter<MaxPool2dParams> = poolConverter('max');
