import { poolConverter } from '../../compiler/tfjs/convert/pool2d';

/** MaxPool2d: -inf padding, ceil_mode and dilation as PyTorch. */
export const maxPool2d = poolConverter('max');
