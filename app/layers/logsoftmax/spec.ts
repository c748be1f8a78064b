import { softmaxSpec } from '../softmax-common';

export const logSoftmax = softmaxSpec('LogSoftmax', 'log(softmax(x)) along dim (nn.LogSoftmax); dim counts the batch dimension as 0.');
